import type { ChargeInput } from '../ledger/append';
import type { PublishBatch } from '../publisher';

/** What routing needs from the ledger: money checks before a call, one charge after it. */
export type ChargeRequest = ChargeInput & { decisionId: string };

export interface LedgerPort {
  /** The local user's spendable balance, micro-credits. */
  balance(): number;
  /** What the local user was charged since `since` (ms epoch), micro-credits. */
  spentSince(since: number): number;
  /** `alongside`: records signed once the charge is, made durable in its write (see appendCharge). */
  charge(request: ChargeRequest, alongside?: () => PublishBatch[]): Promise<{ hash: string; cost: number }>;
}
