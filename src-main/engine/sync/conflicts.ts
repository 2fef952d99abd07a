import type { RecordApplier } from '../records/record-book';
import type { SignedRecord } from '../records/signed';

export interface Conflict {
  kind: string;
  author: string;
  subject: string;
  seq: number;
  hashes: string[];
  detectedAt: number;
}

/**
 * docs/architecture.md: two validly signed records with the same (author, subject, seq) and different bodies
 * are a conflict; both are kept and shown, neither silently wins. The kind is part of the slot
 * (a listing and a price of one model count their seqs apart). This sees only records the
 * RecordBook accepted, from any source, so it needs no rule beyond the payload's own fields.
 */
export class ConflictLog implements RecordApplier {
  private readonly firstBySlot = new Map<string, string>();
  private readonly conflicts = new Map<string, Conflict>();

  constructor(private readonly clock: () => number) {}

  apply(record: SignedRecord): void {
    const { kind, author, subject, seq } = record.payload;
    const slot = `${kind}\n${author}\n${subject}\n${seq}`;
    const first = this.firstBySlot.get(slot);
    if (first === undefined) {
      this.firstBySlot.set(slot, record.hash);
      return;
    }
    if (first === record.hash) return;
    const conflict = this.conflicts.get(slot) ?? { kind, author, subject, seq, hashes: [first], detectedAt: this.clock() };
    if (!conflict.hashes.includes(record.hash)) conflict.hashes.push(record.hash);
    conflict.hashes.sort();
    this.conflicts.set(slot, conflict);
  }

  get size(): number {
    return this.conflicts.size;
  }

  list(): Conflict[] {
    return [...this.conflicts.values()].sort((a, b) => a.detectedAt - b.detectedAt || (a.subject < b.subject ? -1 : 1));
  }
}
