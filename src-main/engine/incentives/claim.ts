import type { CommandOutput } from '../../../src-shared/contract';
import { AppError } from '../../../src-shared/errors';
import { rewardSubject } from '../../../src-shared/rewards';
import { producerKeyOf } from '../identity/identity';
import { producerAccount } from '../ledger/entry-rules';
import { draftOf, signRecord } from '../records/signed';
import type { IncentiveContext } from './context';
import { requireResult } from './views';

export const rewardsDocOf = (producerKey: string): string => `rewards/${producerKey}`;

/**
 * Signs the local producer's claim for a final epoch with the amount and result hash recomputed
 * from its epoch-close. Nothing is written when there is nothing to claim, when a valid claim
 * already exists, or before the epoch is final here (its close and every record it lists held).
 */
export async function claimReward(context: IncentiveContext, epoch: number): Promise<CommandOutput<'rewards.claim'>> {
  const me = producerKeyOf(context.keys).publicKey;
  const result = requireResult(context, epoch);
  const now = context.clock();
  // A claim signed before finalAt is quarantined everywhere, whatever the close says: this clock may lag.
  if (result.inputs.state !== 'final' || now < result.window.finalAt) {
    const why =
      result.inputs.state === 'incomplete'
        ? `${result.inputs.missing} of the records its epoch-close lists have not arrived here yet`
        : `the treasury closes it from ${result.window.finalAt} on; a claim is valid from then, against its epoch-close`;
    throw new AppError('NOT_READY', `Epoch ${epoch} is not final: ${why}`, { finalAt: result.window.finalAt });
  }
  const mine = context.rewards.claims().filter((c) => c.epoch === epoch && c.producerKey === me);
  const valid = mine.find((c) => c.status === 'valid');
  if (valid) throw new AppError('CONFLICT', `Epoch ${epoch} is already claimed (${valid.amount} micro-credits)`, { hash: valid.hash });
  const amount = result.amounts.get(me) ?? 0;
  if (amount === 0) {
    const why = result.producers.find((p) => p.producerKey === me)?.why ?? ['none of your models was paid for by another identity in this epoch'];
    throw new AppError('FORBIDDEN', `Nothing to claim for epoch ${epoch}: ${why.join('; ') || 'your score is 0'}`, { epoch, why });
  }
  const seq = mine.reduce((max, c) => Math.max(max, c.seq), 0) + 1;
  const record = signRecord(producerKeyOf(context.keys), draftOf('reward-claim', rewardSubject(epoch, me), seq, { epoch, amount, resultHash: result.resultHash }, now));
  await context.publish(rewardsDocOf(me), [record]);
  const claim = context.rewards.claims().find((c) => c.hash === record.hash);
  if (claim?.status !== 'valid') throw new AppError('INTERNAL', `the claim did not check out here: ${claim?.reason ?? 'not applied'}`);
  return {
    claim: { hash: claim.hash, producerKey: me, epoch, amount, resultHash: claim.resultHash, seq, ts: claim.ts, status: claim.status, reason: null, mine: true },
    balance: context.ledger.balance(producerAccount(me)),
  };
}
