import { afterEach, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../src-shared/contract';
import type { Engine } from '../../src-main/engine/engine';
import { seededRandom } from '../../src-main/engine/seed/producer-kit';
import { call, inSync, SyncFixture } from '../sync/helpers';

/**
 * Finding 8 (docs/security.md "Threat model" §8): peers holding the same records disagreed on
 * rewards because each counted a record by when it first saw it. Two real engines over loopback
 * sync: A made the demo marketplace (its identity holds the treasury key and produces models) and
 * saw its month of records as they were signed; B joins by invite and receives the same records
 * now, long after every past epoch's grace. They must compute the same epoch result hashes and give
 * every reward claim the same verdict, so A's producer balance is the same on both.
 * ADVERSARIAL_SEED decides whether A's newest claim is signed before or after B joins.
 */
const SEED = Number(process.env.ADVERSARIAL_SEED ?? 8);
const fx = new SyncFixture();
afterEach(() => fx.cleanup());

type Epochs = CommandOutput<'rewards.epochs'>;

/** What the two peers must agree on: everything but which producer is "me". */
function consensus(x: Epochs) {
  return x.epochs.map((e) => ({ epoch: e.epoch, final: e.final, charges: e.charges, resultHash: e.resultHash, paid: e.paid, claimed: e.claimed, claims: e.claims.map((c) => [c.hash, c.status, c.reason]) }));
}

async function claimNewest(a: Engine): Promise<number> {
  const open = (await call(a, 'rewards.epochs', {})).epochs.find((e) => e.final && e.mine.state === 'claimable');
  if (!open) throw new Error('the demo left no claimable epoch');
  await call(a, 'rewards.claim', { epoch: open.epoch });
  return open.epoch;
}

describe('finding 8: rewards from local receipt times', () => {
  it('two peers given the same records at different times compute the same epoch results and claim verdicts', { timeout: 180_000 }, async () => {
    const claimFirst = seededRandom(SEED)() < 0.5;
    const a = await fx.peer();
    await call(a, 'marketplace.openDemo', {});
    if (claimFirst) await claimNewest(a);
    const b = await fx.peer();
    const { invite } = await call(a, 'marketplace.invite', {});
    await call(b, 'marketplace.join', { invite });
    await inSync([a, b], 120_000);
    if (!claimFirst) {
      await claimNewest(a);
      await inSync([a, b], 60_000);
    }
    const [ea, eb] = [await call(a, 'rewards.epochs', {}), await call(b, 'rewards.epochs', {})];
    const finalWithCharges = ea.epochs.filter((e) => e.final && e.charges > 0);
    expect(finalWithCharges.length).toBeGreaterThanOrEqual(2);
    expect(ea.epochs.flatMap((e) => e.claims).length).toBeGreaterThanOrEqual(2);
    expect(consensus(eb)).toEqual(consensus(ea));
    for (const claim of eb.epochs.flatMap((e) => e.claims)) expect(claim.status).toBe('valid');
    const producer = `producer:${a.keys.identity.publicKey}`;
    expect((await call(b, 'ledger.balance', { account: producer })).balance).toBe((await call(a, 'ledger.balance', { account: producer })).balance);
    expect(eb.pool.balance).toBe(ea.pool.balance);
  });
});
