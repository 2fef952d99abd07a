import type { ChargeInput } from '../ledger/append';

/** What routing needs from the ledger: money checks before a call, one charge after it. */
export type ChargeRequest = ChargeInput & { decisionId: string };

export interface LedgerPort {
  /** The local user's spendable balance, micro-credits. */
  balance(): number;
  /** What the local user was charged since `since` (ms epoch), micro-credits. */
  spentSince(since: number): number;
  charge(request: ChargeRequest): Promise<{ hash: string; cost: number }>;
}
