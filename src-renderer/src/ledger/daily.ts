import type { LedgerEntryKind } from '../../../src-shared/ledger';
import { dayIndexer } from '../charts/days';

/** What the day charts need of a ledger.entries item queried with an account filter. */
export interface AccountEntry {
  ts: number;
  kind: LedgerEntryKind;
  /** The posting to the queried account (negative when it paid). */
  amount: number | null;
}

/**
 * What an account paid for calls per day: the charges' debits, in integer micro-credits. Entries
 * outside `days` are left out (a peer's clock may be ahead of ours).
 */
export function dailySpend(entries: readonly AccountEntry[], days: readonly number[]): number[] {
  const dayOf = dayIndexer(days);
  const spend = days.map(() => 0);
  for (const entry of entries) {
    if (entry.kind !== 'charge' || entry.amount === null || entry.amount >= 0) continue;
    const i = dayOf(entry.ts);
    if (i >= 0) spend[i]! -= entry.amount;
  }
  return spend;
}
