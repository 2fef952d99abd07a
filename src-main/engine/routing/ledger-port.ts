import { appendCharge, type ChargeInput } from '../ledger/append';
import type { AppendContext } from '../ledger/context';
import { userAccount } from '../ledger/entry-rules';
import type { LedgerState } from '../ledger/ledger-state';
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

/** The ledger as routing sees it: the local user's balance and spend, and one charge per call. */
export function ledgerPortOf(ledger: AppendContext & { ledger: Pick<LedgerState, 'query'> }): LedgerPort {
  const payer = () => userAccount(ledger.keys.identity.publicKey);
  return {
    balance: () => ledger.ledger.balance(payer()),
    spentSince: (since) => {
      const charges = ledger.ledger.query({ account: payer(), kind: 'charge', from: since, limit: 1 }).totals.debits;
      const refunds = ledger.ledger.query({ account: payer(), kind: 'refund', from: since, limit: 1 }).totals.credits;
      return Math.max(0, charges - refunds);
    },
    charge: async (request, alongside) => {
      const entry = await appendCharge(ledger, request, alongside);
      return { hash: entry.hash, cost: entry.memo?.cost ?? 0 };
    },
  };
}
