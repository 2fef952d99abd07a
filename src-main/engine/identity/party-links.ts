import type { SignedRecord } from '../records/signed';

/** Who acts for whom, as authority checks and measured figures ask it (records/authority.ts). */
export interface Parties {
  /** `key` is `identity`, or a device key that identity certified and that signed for it. */
  actsFor(key: string, identity: string): boolean;
  /** Either key acts for the other: one party, whichever of its keys signed. */
  sameParty(a: string, b: string): boolean;
}

type LinkListener = (device: string, identity: string) => string[];

/**
 * The links between identities and their device keys, from signed records only. A link needs both
 * sides: the identity's device-cert naming the key, and the key's own signature on a record that
 * names the identity (a ledger entry or an observation it signed "for" it). A certificate alone is
 * one-sided: anyone could "certify" a reviewer's key to make its reviews look like their own. Links
 * only ever form (nothing here is withdrawn), so every peer with the same records agrees.
 */
export class PartyLinks implements Parties {
  /** device → identities whose device-cert names it */
  private readonly certifiedBy = new Map<string, Set<string>>();
  /** device → identities it signed a ledger entry or observation for */
  private readonly signedFor = new Map<string, Set<string>>();
  private readonly listeners: LinkListener[] = [];

  /** `listener` answers the models whose figures a new link changes (their reviews and reports). */
  onLink(listener: LinkListener): void {
    this.listeners.push(listener);
  }

  /** The record book hands it every applied record (a RecordApplier, by shape: no import cycle). */
  apply(record: SignedRecord): string[] {
    const { kind, author } = record.payload;
    const body = (record.parsedBody ?? record.payload.body) as { deviceKey?: unknown; identity?: unknown };
    if (kind === 'device-cert' && typeof body.deviceKey === 'string') return this.note(this.certifiedBy, body.deviceKey, author);
    if ((kind === 'ledger-entry' || kind === 'observation') && typeof body.identity === 'string' && body.identity !== author) {
      return this.note(this.signedFor, author, body.identity);
    }
    return [];
  }

  private note(side: Map<string, Set<string>>, device: string, identity: string): string[] {
    let set = side.get(device);
    if (set?.has(identity)) return [];
    if (!set) side.set(device, (set = new Set()));
    set.add(identity);
    if (!this.actsFor(device, identity)) return [];
    return this.listeners.flatMap((listener) => listener(device, identity));
  }

  actsFor(key: string, identity: string): boolean {
    if (key === identity) return true;
    return (this.certifiedBy.get(key)?.has(identity) ?? false) && (this.signedFor.get(key)?.has(identity) ?? false);
  }

  sameParty(a: string, b: string): boolean {
    return this.actsFor(a, b) || this.actsFor(b, a);
  }
}
