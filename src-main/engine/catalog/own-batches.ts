import type { SigningKey } from '../identity/keys';
import { signBatchesOver, UNVOUCHABLE_KINDS } from '../records/batch';
import { decodeRecord, type SignedRecord } from '../records/signed';

/** Own catalog records that may wait for a batch: fewer than this cost a fresh peer under 7 ms. */
export const BATCH_EVERY = 64;

export interface OwnBatchesDeps {
  /** The identity that signs this engine's catalog (it changes when a device link adopts one). */
  key(): SigningKey;
  /** What a document holds now: [key, bytes]. */
  records(doc: string): Array<[string, Uint8Array]>;
  /**
   * Whether the RecordBook took this record in (its signature checked). Anyone can write into a
   * document, including a record that only claims this author: a batch must never vouch for it.
   */
  accepted(hash: string): boolean;
}

/**
 * Folds the records this engine signs into its own catalog (listings, prices, profile) into batch
 * signatures (records/batch.ts, docs/sync.md): once BATCH_EVERY of them wait for one, the publish
 * that brings the count there carries a batch over them all. A producer who edits and reprices
 * model by model then costs a fresh peer one verify per 64 records instead of 64.
 */
export class OwnBatches {
  /** Per catalog document: hashes of own records no own batch lists yet (read from the document once). */
  private readonly waiting = new Map<string, string[]>();

  constructor(private readonly deps: OwnBatchesDeps) {}

  /** `records` (signed by this identity, about to be published into `doc`), and a batch when one is due. */
  with(doc: string, records: SignedRecord[], ts: number): SignedRecord[] {
    const key = this.deps.key();
    const waiting = this.waitingIn(doc, key);
    for (const record of records) if (this.counts(record, key)) waiting.push(record.hash);
    if (waiting.length < BATCH_EVERY) return records;
    const batches = signBatchesOver(key, waiting, ts);
    this.waiting.set(doc, []);
    return [...records, ...batches];
  }

  private counts(record: SignedRecord, key: SigningKey): boolean {
    return record.payload.author === key.publicKey && !UNVOUCHABLE_KINDS.has(record.payload.kind);
  }

  private waitingIn(doc: string, key: SigningKey): string[] {
    let waiting = this.waiting.get(doc);
    if (waiting) return waiting;
    const own: string[] = [];
    const listed = new Set<string>();
    for (const [hash, bytes] of this.deps.records(doc)) {
      if (!this.deps.accepted(hash)) continue;
      const decoded = decodeRecord(bytes, null, hash);
      if (!decoded.ok) continue;
      const { payload } = decoded.record;
      if (payload.author !== key.publicKey) continue;
      if (payload.kind === 'batch') for (const listedHash of (payload.body as { hashes: string[] }).hashes) listed.add(listedHash);
      else if (this.counts(decoded.record, key)) own.push(hash);
    }
    waiting = own.filter((hash) => !listed.has(hash));
    this.waiting.set(doc, waiting);
    return waiting;
  }
}
