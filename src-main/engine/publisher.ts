import { AppError } from '../../src-shared/errors';
import { IngestTally } from './ingest-tally';
import type { RecordJournal } from './journal/record-journal';
import type { RecordBook } from './records/record-book';
import type { SignedRecord } from './records/signed';
import type { Receipts } from './reviews/receipts';

/** Records signed for one document. */
export interface PublishBatch {
  doc: string;
  records: SignedRecord[];
}

/** A domain state that notes when it first saw a record (Receipts), apart from applying it. */
export interface ReceiptTaker {
  noteReceived(record: SignedRecord): void;
}

export interface PublisherDeps {
  book: RecordBook;
  journal: RecordJournal;
  receipts: Receipts;
  /** Every state whose apply notes first-sighting receipts. */
  receiptTakers: readonly ReceiptTaker[];
  clock: () => number;
  /** Hands durable records to their Automerge documents (DocumentStore.stageSoon). */
  stage(doc: string, records: SignedRecord[]): void;
  /** What every ingest ends with (Engine.afterIngest): ledger settles, models refresh, events. */
  afterIngest(tally: IngestTally): Promise<void>;
}

/**
 * How records this engine signs are published (docs/routing.md, "Durability"): refused before
 * anything is written if a peer would quarantine them, durable in the journal before they are
 * acknowledged, then applied in memory (ledger, learned estimates, catalog rows).
 *
 * `publish` applies them before it resolves. `publishAcknowledged` (a routed call's charge and
 * observations) resolves once they are durable, with their first-sighting receipts written, and
 * applies them right after the answer (~0.5 ms a call off its path). Read-your-writes holds because
 * every reader calls `catchUp` first: each command (Engine.dispatch), every publish, peers' records
 * (absorb), the price clock, and whoever signs from the state (a chain head, an observation seq).
 */
export class Publisher {
  private queued: PublishBatch[] = [];
  /** The ends of the ingests catchUp started (events, receipts, query rows), for idle(). */
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly deps: PublisherDeps) {}

  async publish(doc: string, records: SignedRecord[]): Promise<void> {
    // Whatever was acknowledged before takes effect first.
    this.catchUp();
    this.refuseInvalid(records);
    await this.deps.journal.append(
      records.map((r) => ({ doc, bytes: r.bytes })),
      () => this.deps.stage(doc, records),
    );
    await this.ingest([{ doc, records }]);
  }

  /**
   * Durable before it resolves, every batch in one write made at once when none is in flight
   * (RecordJournal.append, `whole`); applied right after the answer, or by the next reader.
   */
  async publishAcknowledged(batches: readonly PublishBatch[]): Promise<void> {
    const records = batches.flatMap((b) => b.records);
    this.refuseInvalid(records);
    await this.deps.journal.append(
      batches.flatMap(({ doc, records }) => records.map((r) => ({ doc, bytes: r.bytes }))),
      () => {
        // Queued before the documents get them, so they are applied here before the documents show them.
        if (this.queued.push(...batches) === batches.length) setImmediate(() => this.catchUp());
        for (const { doc, records } of batches) this.deps.stage(doc, records);
      },
      { whole: true },
    );
    // A killed engine keeps when it first saw its own records, as it does for records it applied.
    for (const record of records) for (const taker of this.deps.receiptTakers) taker.noteReceived(record);
    this.deps.receipts.flushNow();
  }

  /** Applies every acknowledged record not applied yet; synchronous, so the caller reads them next. */
  catchUp(): void {
    if (this.queued.length === 0) return;
    const batches = this.queued;
    this.queued = [];
    const done = this.ingest(batches, true).catch((error: Error) => {
      console.error('acknowledged records could not take effect in memory (the journal and documents hold them):', error.message);
    });
    this.tail = this.tail.then(() => done);
  }

  /** Resolves once every acknowledged record took effect and its ingest ended. */
  idle(): Promise<void> {
    this.catchUp();
    return this.tail;
  }

  private refuseInvalid(records: readonly SignedRecord[]): void {
    for (const record of records) {
      const reason = this.deps.book.violation(record);
      if (reason) throw new AppError('INTERNAL', `refusing to publish an invalid record: ${reason}`);
    }
  }

  /** Takes records in synchronously up to afterIngest's first wait (ledger settled, catalog rows refreshed). */
  private ingest(batches: readonly PublishBatch[], acknowledged = false): Promise<void> {
    const now = this.deps.clock();
    const tally = new IngestTally();
    for (const { doc, records } of batches) for (const record of records) tally.add(this.deps.book.ingest(doc, record, now));
    // Checked before signing, so never expected: but say so rather than lose it quietly.
    if (acknowledged && tally.quarantined.size > 0) console.error(`acknowledged records were quarantined: ${[...tally.quarantined].join(', ')}`);
    return this.deps.afterIngest(tally);
  }
}
