import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../src-shared/contract';
import { rewardSubject } from '../../src-shared/rewards';
import type { SigningKey } from '../../src-main/engine/identity/keys';
import { rewardsDocOf } from '../../src-main/engine/incentives/claim';
import { draftOf, signRecord } from '../../src-main/engine/records/signed';
import type { TestEngine } from '../catalog/helpers';
import { copyRecords } from '../reviews/helpers';
import { closeEpochs, honestEpoch, marketEngine } from './helpers';
import { callCost, feeOf } from '../../src-shared/money';
import { CLOSE, DAY, E, FINAL, manualClock, PRICE, publishAll, Scenario, START } from './scenario';

const HOUR = 3_600_000;
const open: TestEngine[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

/** The producer's engine P (its identity produces p1), a peer Q with the same records, and producer X. */
async function market() {
  const s = new Scenario();
  const clock = manualClock(CLOSE + HOUR);
  const p = await marketEngine(s, clock.now);
  const q = await marketEngine(s, clock.now);
  open.push(p, q);
  const P = s.producer(['p1'], 'support', p.engine.keys.identity);
  const X = s.producer(['x1']);
  const honest = honestEpoch(s, [...P.models, ...X.models], { users: 4 });
  await publishAll(p.engine, s.out);
  await copyRecords(p.engine, q.engine);
  const me = `producer:${p.engine.keys.identity.publicKey}`;
  const balances = (t: TestEngine) => ({ pool: t.engine.ledger.balance('pool:rewards'), me: t.engine.ledger.balance(me), x: t.engine.ledger.balance(`producer:${X.key.publicKey}`) });
  return { s, clock, p, q, P, X, honest, balances };
}

function claimBy(key: SigningKey, body: { epoch: number; amount: number; resultHash: string }, ts: number, seq = 1) {
  return signRecord(key, draftOf('reward-claim', rewardSubject(body.epoch, key.publicKey), seq, body, ts));
}

describe('reward claims', () => {
  it('a valid claim moves its amount from pool:rewards to the producer, here and at every peer that recomputes it', async () => {
    const { s, clock, p, q, balances } = await market();
    expect((await p.fail('rewards.claim', { epoch: E })).code).toBe('NOT_READY');
    clock.set(FINAL + HOUR);
    // Past its grace but not closed by the treasury yet: still not claimable.
    expect((await p.fail('rewards.claim', { epoch: E })).code).toBe('NOT_READY');
    await closeEpochs(s, p);
    const computed = await p.call('rewards.compute', { epoch: E });
    const mine = computed.producers.find((x) => x.producerKey === p.engine.keys.identity.publicKey)!;
    expect(mine.amount).toBeGreaterThan(0);
    expect(computed.summary.mine).toMatchObject({ state: 'claimable', amount: mine.amount });
    const before = balances(p);
    const events: EventMessage[] = [];
    q.engine.on((m) => events.push(m));
    const { claim, balance } = await p.call('rewards.claim', { epoch: E });
    expect(claim).toMatchObject({ status: 'valid', amount: mine.amount, resultHash: computed.summary.resultHash, mine: true });
    expect(balance).toBe(before.me + mine.amount);
    expect(balances(p)).toEqual({ ...before, pool: before.pool - mine.amount, me: before.me + mine.amount });
    expect((await p.fail('rewards.claim', { epoch: E })).code).toBe('CONFLICT');
    const summary = (await p.call('rewards.epochs', {})).epochs.find((e) => e.epoch === E)!;
    expect(summary).toMatchObject({ claimed: mine.amount, mine: { state: 'claimed' } });

    const peerBefore = balances(q);
    await copyRecords(p.engine, q.engine);
    expect(balances(q)).toEqual({ ...peerBefore, pool: peerBefore.pool - mine.amount, me: peerBefore.me + mine.amount });
    const [seen] = (await q.call('rewards.epochs', {})).epochs.find((e) => e.epoch === E)!.claims;
    expect(seen).toMatchObject({ hash: claim.hash, status: 'valid', mine: false });
    await new Promise((r) => setTimeout(r, 0));
    expect(events.filter((e) => e.event === 'rewards.changed').map((e) => e.payload)).toContainEqual({ epochs: [E], accounts: [`producer:${p.engine.keys.identity.publicKey}`, 'pool:rewards'].sort() });
  });

  it('an inflated, early, mismatched or duplicate claim from a peer is quarantined with its reason and moves no balance', async () => {
    const { s, clock, p, X, balances } = await market();
    clock.set(FINAL + HOUR);
    await closeEpochs(s, p);
    const computed = await p.call('rewards.compute', { epoch: E });
    const amount = computed.producers.find((x) => x.producerKey === X.key.publicKey)!.amount;
    const resultHash = computed.summary.resultHash;
    const before = balances(p);
    const forged = [
      claimBy(X.key, { epoch: E, amount: amount * 10, resultHash }, FINAL + HOUR),
      claimBy(X.key, { epoch: E, amount, resultHash: 'ab'.repeat(32) }, FINAL + HOUR, 2),
      claimBy(X.key, { epoch: E, amount, resultHash }, FINAL - HOUR, 3),
    ];
    await p.engine.absorb(forged.map((r) => ({ doc: rewardsDocOf(X.key.publicKey), key: r.hash, bytes: r.bytes })));
    const claims = (await p.call('rewards.epochs', {})).epochs.find((e) => e.epoch === E)!.claims;
    const reason = (hash: string) => claims.find((c) => c.hash === hash)!;
    expect(reason(forged[0]!.hash)).toMatchObject({ status: 'quarantined', reason: expect.stringMatching(/recomputed reward is/) });
    expect(reason(forged[1]!.hash)).toMatchObject({ status: 'quarantined', reason: expect.stringMatching(/result hash .* differs/) });
    expect(reason(forged[2]!.hash)).toMatchObject({ status: 'quarantined', reason: expect.stringMatching(/before the epoch could be final/) });
    expect(balances(p)).toEqual(before);

    // The right claim counts once; a second copy under a new seq is a duplicate.
    const good = [claimBy(X.key, { epoch: E, amount, resultHash }, FINAL + 2 * HOUR, 4), claimBy(X.key, { epoch: E, amount, resultHash }, FINAL + 3 * HOUR, 5)];
    // Records dated ahead of the clock are held until it reaches them (records/set-aside.ts).
    clock.set(FINAL + 3 * HOUR);
    await p.engine.absorb(good.map((r) => ({ doc: rewardsDocOf(X.key.publicKey), key: r.hash, bytes: r.bytes })));
    const after = (await p.call('rewards.epochs', {})).epochs.find((e) => e.epoch === E)!.claims;
    expect(after.find((c) => c.hash === good[0]!.hash)?.status).toBe('valid');
    expect(after.find((c) => c.hash === good[1]!.hash)).toMatchObject({ status: 'quarantined', reason: expect.stringMatching(/duplicate/) });
    expect(balances(p)).toEqual({ ...before, pool: before.pool - amount, x: before.x + amount });
    // No ledger chain was touched: the ledger still verifies.
    expect((await p.call('ledger.verify', {})).ok).toBe(true);
  });

  it('a claim for another producer is refused at the door; nothing to claim is FORBIDDEN', async () => {
    const { s, clock, p, q, X } = await market();
    clock.set(FINAL + HOUR);
    await closeEpochs(s, p, [q]);
    const hijack = signRecord(X.key, draftOf('reward-claim', rewardSubject(E, p.engine.keys.identity.publicKey), 1, { epoch: E, amount: 1, resultHash: 'ab'.repeat(32) }, FINAL + HOUR));
    await p.engine.absorb([{ doc: 'rewards/x', key: hijack.hash, bytes: hijack.bytes }]);
    expect(p.engine.book.quarantine().find((row) => row.hash === hijack.hash)?.reason).toMatch(/reward claim subject/);
    const error = await q.fail('rewards.claim', { epoch: E });
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/Nothing to claim/);
    expect((await q.fail('rewards.compute', { epoch: E + 50 })).code).toBe('NOT_FOUND');
    // A claim (or a charge) forged far in the future waits for its epoch and breaks nothing meanwhile.
    const far = claimBy(X.key, { epoch: Number.MAX_SAFE_INTEGER, amount: 1, resultHash: 'ab'.repeat(32) }, FINAL + HOUR);
    await q.engine.absorb([{ doc: rewardsDocOf(X.key.publicKey), key: far.hash, bytes: far.bytes }]);
    const listed = await q.call('rewards.epochs', {});
    expect(listed.epochs.some((e) => e.epoch === E)).toBe(true);
    expect(q.engine.rewards.claims().find((c) => c.hash === far.hash)).toMatchObject({ status: 'quarantined' });
    expect(q.engine.ledger.balance('pool:rewards')).toBeGreaterThan(0);
  });

  it('a record that reaches a peer after the grace period counts there as at the treasury: the epoch-close lists it', async () => {
    const { s, clock, p, q, P, honest, balances } = await market();
    const mark = s.out.length;
    const late = s.call(honest.users[0]!, P.models[0]!, START + 5 * DAY);
    await publishAll(p.engine, s.since(mark));
    clock.set(FINAL + HOUR);
    await closeEpochs(s, p);
    const { claim } = await p.call('rewards.claim', { epoch: E });
    const before = balances(q);
    // q receives the charge, the close and the claim a day after the grace period ended.
    clock.set(FINAL + 25 * HOUR);
    await copyRecords(p.engine, q.engine);
    const summary = (await q.call('rewards.epochs', {})).epochs.find((e) => e.epoch === E)!;
    expect(summary).toMatchObject({ final: true, lateCharges: 0, resultHash: claim.resultHash });
    expect(summary.inputs.state).toBe('final');
    expect(q.engine.rewards.inputs.closes.fixed(E, s.treasury.publicKey)!.hashes.has(late.charge)).toBe(true);
    expect(summary.claims.find((c) => c.hash === claim.hash)).toMatchObject({ status: 'valid' });
    // Here as at p: the charge moved its cost (fee into the pool), the claim its amount out of it.
    const cost = callCost(PRICE, 1_000, 500);
    const fee = feeOf(cost, s.feeBps);
    expect(balances(q)).toEqual({ ...before, me: before.me + cost - fee + claim.amount, pool: before.pool + fee - claim.amount });
  });

  it('a charge timed in a closed epoch but not in its close (late or backdated) is excluded on every peer: the final result does not move', async () => {
    const { s, clock, p, q, P, honest, balances } = await market();
    clock.set(FINAL + HOUR);
    await closeEpochs(s, p, [q]);
    const { claim } = await p.call('rewards.claim', { epoch: E });
    await copyRecords(p.engine, q.engine);
    const before = [balances(p), balances(q)];
    // Signed a week after the close, dated inside the epoch.
    const mark = s.out.length;
    s.call(honest.users[1]!, P.models[0]!, START + 6 * DAY);
    for (const t of [p, q]) await t.engine.absorb(s.incoming((x) => x, mark));
    const cost = callCost(PRICE, 1_000, 500);
    for (const [i, t] of [p, q].entries()) {
      const summary = (await t.call('rewards.epochs', {})).epochs.find((e) => e.epoch === E)!;
      expect(summary).toMatchObject({ final: true, lateCharges: 1, resultHash: claim.resultHash });
      expect(summary.claims.find((c) => c.hash === claim.hash)).toMatchObject({ status: 'valid' });
      // The late charge moved its cost as usual (its fee into the pool, unallocated); the claim did not move again.
      expect(balances(t).pool - before[i]!.pool).toBe(summary.lateFees);
      expect(balances(t).me - before[i]!.me).toBe(cost - summary.lateFees);
    }
  });
});
