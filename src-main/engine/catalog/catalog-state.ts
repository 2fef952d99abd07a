import { RECORD_BODIES, producerOf, type ListingBody, type PriceBody, type ProfileBody } from '../../../src-shared/domain';
import type { CatalogItem } from '../../../src-shared/catalog';
import type { SignedRecord } from '../records/signed';
import { buildCatalogItem, type CommunityFigures, type MeasuredFigures } from './catalog-item';

interface Versioned<T> {
  seq: number;
  ts: number;
  hash: string;
  body: T;
}

export interface PriceChange {
  seq: number;
  ts: number;
  hash: string;
  price: PriceBody;
}

/**
 * Whether a record takes the place of the version in effect: a higher seq, or, at an equal seq, a
 * higher hash. Two different records with one (author, subject, seq) are a conflict (two devices of
 * one producer edited apart; ConflictLog reports it): the hash picks the same one on every peer
 * whatever order they arrived in, so all peers show the same catalog.
 */
function supersedes(current: { seq: number; hash: string } | undefined, seq: number, hash: string): boolean {
  if (!current) return true;
  return seq > current.seq || (seq === current.seq && hash > current.hash);
}

/**
 * The catalog as the signed records say it is: the highest-seq listing and profile per author and
 * subject (ties: highest hash), and every price change in (seq, hash) order. Records reach it
 * already verified and authorised.
 */
export class CatalogState {
  private readonly listings = new Map<string, Versioned<ListingBody>>();
  private readonly prices = new Map<string, PriceChange[]>();
  private readonly profiles = new Map<string, Versioned<ProfileBody>>();
  private readonly byProducer = new Map<string, Set<string>>();
  /**
   * nextPriceChangeAfter's last answer: the price clock asks after every applied batch with the
   * same `after`, and a full scan of every price each time made a 10k-model sync quadratic.
   * Prices are only ever added, so a new one can only bring the answer earlier.
   */
  private nextChange: { after: number; at: number | null } | null = null;

  /** Applies one record; returns the model ids whose catalog item changed. */
  apply(record: SignedRecord): string[] {
    const { payload, hash } = record;
    switch (payload.kind) {
      case 'listing': {
        if (!supersedes(this.listings.get(payload.subject), payload.seq, hash)) return [];
        this.listings.set(payload.subject, { seq: payload.seq, ts: payload.ts, hash, body: (record.parsedBody as ListingBody | undefined) ?? RECORD_BODIES.listing.parse(payload.body) });
        const producer = producerOf(payload.subject);
        let models = this.byProducer.get(producer);
        if (!models) this.byProducer.set(producer, (models = new Set()));
        models.add(payload.subject);
        return [payload.subject];
      }
      case 'price': {
        const history = this.prices.get(payload.subject) ?? [];
        if (history.some((p) => p.hash === hash)) return [];
        const change = { seq: payload.seq, ts: payload.ts, hash, price: (record.parsedBody as PriceBody | undefined) ?? RECORD_BODIES.price.parse(payload.body) };
        // Usually the newest: inserted from the end, so the history stays in (seq, hash) order.
        let at = history.length;
        while (at > 0 && (history[at - 1]!.seq > change.seq || (history[at - 1]!.seq === change.seq && history[at - 1]!.hash > hash))) at--;
        history.splice(at, 0, change);
        this.prices.set(payload.subject, history);
        this.noteChangeAt(change.price.effectiveFrom);
        return this.listings.has(payload.subject) ? [payload.subject] : [];
      }
      case 'profile': {
        if (!supersedes(this.profiles.get(payload.subject), payload.seq, hash)) return [];
        this.profiles.set(payload.subject, { seq: payload.seq, ts: payload.ts, hash, body: (record.parsedBody as ProfileBody | undefined) ?? RECORD_BODIES.profile.parse(payload.body) });
        return [...(this.byProducer.get(payload.subject) ?? [])];
      }
      default:
        return [];
    }
  }

  /** The next seq an author must use for a subject, so readers never see it go backwards. */
  nextSeq(kind: 'listing' | 'price' | 'profile', subject: string): number {
    if (kind === 'listing') return (this.listings.get(subject)?.seq ?? 0) + 1;
    if (kind === 'profile') return (this.profiles.get(subject)?.seq ?? 0) + 1;
    const history = this.prices.get(subject);
    return (history?.[history.length - 1]?.seq ?? 0) + 1;
  }

  /** The price in force at `now`: the highest-seq change whose effectiveFrom has come. */
  priceAt(modelId: string, now: number): PriceBody | null {
    const history = this.prices.get(modelId) ?? [];
    for (let i = history.length - 1; i >= 0; i--) {
      const change = history[i]!;
      if (change.price.effectiveFrom <= now) return change.price;
    }
    return null;
  }

  priceHistory(modelId: string): PriceChange[] {
    return [...(this.prices.get(modelId) ?? [])];
  }

  item(modelId: string, now: number, measured: MeasuredFigures | null = null, community: CommunityFigures | null = null): CatalogItem | null {
    const listing = this.listings.get(modelId);
    if (!listing) return null;
    const producerKey = producerOf(modelId);
    return buildCatalogItem({
      modelId,
      producerKey,
      listing: listing.body,
      listingTs: listing.ts,
      price: this.priceAt(modelId, now),
      profile: this.profiles.get(producerKey)?.body ?? null,
      measured,
      community,
    });
  }

  listing(modelId: string): ListingBody | null {
    return this.listings.get(modelId)?.body ?? null;
  }

  modelCountOf(producerKey: string): number {
    return this.byProducer.get(producerKey)?.size ?? 0;
  }

  /** The earliest scheduled price change after `now`, so the engine can re-price on time. */
  nextPriceChangeAfter(now: number): number | null {
    if (this.nextChange?.after === now) return this.nextChange.at;
    let next: number | null = null;
    for (const history of this.prices.values()) {
      for (const change of history) {
        const at = change.price.effectiveFrom;
        if (at > now && (next === null || at < next)) next = at;
      }
    }
    this.nextChange = { after: now, at: next };
    return next;
  }

  private noteChangeAt(at: number): void {
    const cached = this.nextChange;
    if (cached && at > cached.after && (cached.at === null || at < cached.at)) cached.at = at;
  }

  /** Models whose price in force changes in (from, to]. */
  modelsRepricedBetween(from: number, to: number): string[] {
    const ids: string[] = [];
    for (const [id, history] of this.prices) {
      if (history.some((c) => c.price.effectiveFrom > from && c.price.effectiveFrom <= to)) ids.push(id);
    }
    return ids;
  }

  modelIds(): string[] {
    return [...this.listings.keys()];
  }

  profile(producerKey: string): ProfileBody | null {
    return this.profiles.get(producerKey)?.body ?? null;
  }

  get producerCount(): number {
    return new Set([...this.profiles.keys(), ...this.byProducer.keys()]).size;
  }

  get modelCount(): number {
    return this.listings.size;
  }
}
