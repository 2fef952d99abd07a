import { RECORD_BODIES, type MarketplaceConfigBody } from '../../../src-shared/domain';
import type { SignedRecord } from '../records/signed';

export interface MarketplaceInfo extends MarketplaceConfigBody {
  id: string;
  isTreasury: boolean;
}

/** The marketplace this engine belongs to: its id (the treasury key) and the config it signed. */
export class MarketplaceState {
  private config: { seq: number; body: MarketplaceConfigBody } | null = null;

  constructor(
    private marketplaceId: string | null,
    private treasuryKey: string | null,
  ) {}

  get id(): string | null {
    return this.marketplaceId;
  }

  /** Joins this engine to a marketplace; an engine belongs to exactly one. */
  adopt(id: string, treasuryKey: string | null): void {
    if (this.marketplaceId !== null && this.marketplaceId !== id) throw new Error('engine already belongs to another marketplace');
    this.marketplaceId = id;
    this.treasuryKey = treasuryKey;
  }

  apply(record: SignedRecord): boolean {
    const { payload } = record;
    if (payload.kind !== 'marketplace-config' || payload.author !== this.id) return false;
    if (this.config && this.config.seq >= payload.seq) return false;
    this.config = { seq: payload.seq, body: RECORD_BODIES['marketplace-config'].parse(payload.body) };
    return true;
  }

  info(): MarketplaceInfo | null {
    if (!this.id || !this.config) return null;
    return { id: this.id, ...this.config.body, isTreasury: this.treasuryKey === this.id };
  }

  nextSeq(): number {
    return (this.config?.seq ?? 0) + 1;
  }
}
