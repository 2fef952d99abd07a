import type { QuarantineRow } from '../store/query-store';
import type { SignedRecord } from './signed';

/**
 * How far ahead of this engine's clock a record may be dated and still take effect at once: clocks
 * of honest devices drift by seconds, not minutes. A record dated further ahead waits (docs/sync.md
 * "Records dated ahead").
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** A record that did not take effect yet and is not refused either: held for its time, or in a newer format. */
export interface SetAsideRow extends QuarantineRow {
  status: 'held' | 'pending';
  /** Held: the local time from which it takes effect (its timestamp less the allowed skew). */
  until?: number;
}

/** When a record dated `ts` may take effect: once local time is within the allowed skew of it. */
export function takesEffectAt(ts: number): number {
  return ts - MAX_CLOCK_SKEW_MS;
}

/**
 * Validly signed records that wait instead of being quarantined, so that peers never disagree for
 * good about them:
 * - held: dated more than MAX_CLOCK_SKEW_MS ahead of local time. Applying it now would let a
 *   record "from the future" win every latest-wins rule (a metric report dated ten years ahead);
 *   quarantining it would make peers whose clocks differ by a few seconds disagree forever. Every
 *   peer applies it once its own clock reaches it, so all converge.
 * - pending: signed in a newer record format (RECORD_FORMAT), kept for when this engine is updated.
 * Both stay in their documents, so a restart finds them again (and applies those whose time came).
 */
export class SetAside {
  private readonly held = new Map<string, { doc: string; record: SignedRecord; row: SetAsideRow }>();
  private readonly newer = new Map<string, SetAsideRow>();
  /** The earliest `until` of a held record (kept, so "is anything due?" costs nothing per command). */
  private next: number | null = null;

  get size(): number {
    return this.held.size + this.newer.size;
  }

  isEarly(record: SignedRecord, now: number): boolean {
    return takesEffectAt(record.payload.ts) > now;
  }

  isHeld(hash: string): boolean {
    return this.held.has(hash);
  }

  hold(doc: string, record: SignedRecord, now: number): number {
    const until = takesEffectAt(record.payload.ts);
    if (!this.held.has(record.hash)) {
      const { kind, author, subject, ts } = record.payload;
      const reason = `dated ${new Date(ts).toISOString()}, more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes ahead of this engine's clock: held until then`;
      this.held.set(record.hash, { doc, record, row: { hash: record.hash, doc, kind, author, subject, reason, receivedAt: now, status: 'held', until } });
      if (this.next === null || until < this.next) this.next = until;
    }
    return until;
  }

  /** Held records whose time has come, taken out (the caller ingests them), earliest first. */
  takeDue(now: number): Array<{ doc: string; record: SignedRecord }> {
    if (this.next === null || this.next > now) return [];
    const due = [...this.held.values()].filter((h) => h.row.until! <= now).sort((a, b) => a.row.until! - b.row.until! || (a.record.hash < b.record.hash ? -1 : 1));
    for (const { record } of due) this.held.delete(record.hash);
    this.next = null;
    for (const { row } of this.held.values()) if (this.next === null || row.until! < this.next) this.next = row.until!;
    return due.map(({ doc, record }) => ({ doc, record }));
  }

  /** The earliest local time at which a held record takes effect, or null when none is held. */
  nextDueAt(): number | null {
    return this.next;
  }

  pend(row: QuarantineRow): void {
    if (!this.newer.has(row.hash)) this.newer.set(row.hash, { ...row, status: 'pending' });
  }

  isPending(hash: string): boolean {
    return this.newer.has(hash);
  }

  rows(): SetAsideRow[] {
    return [...[...this.held.values()].map((h) => h.row), ...this.newer.values()];
  }
}
