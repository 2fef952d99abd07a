import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine';
import { generateSigningKey, type SigningKey } from '../../src-main/engine/identity/keys';
import { call, inSync, SyncFixture } from '../sync/helpers';
import { fixtureModel, inject, paidMarket, seeded, sign } from './paid-market';

const YEAR = 365 * 86_400_000;
const fx = new SyncFixture();
let model: Awaited<ReturnType<typeof fixtureModel>>;
beforeAll(async () => {
  model = await fixtureModel();
});
afterAll(() => model.close());
afterEach(() => fx.cleanup());

/**
 * Finding 4: anyone could set any model's "measured" accuracy without paying — a fresh key's report
 * with no charges dated 10 years ahead set another producer's model to 0 %, and the producer's own
 * device key set it to 100 %. Three users pay for real evaluations (2 of 3 right: 66.67 %); then a
 * protocol-following peer writes, in a seeded order, into one honest peer's documents: that future
 * report, a report naming charges that do not exist, one naming another user's charges, the
 * producer's device-key report at 100 %, a paying user's second report at 0 % (an outlier), and a
 * user's report for another task re-using the charges of its first.
 */
describe('measured accuracy under attack', () => {
  it('only reports paid one charge per case by their reporter count; the producer stays claimed; one outlier cannot set the figure', { timeout: 150_000 }, async () => {
    const rnd = seeded();
    const m = await paidMarket(fx, model.url, 3);
    const everyone = [m.producer, ...m.users];
    for (const user of m.users) expect((await call(user, 'evals.run', { modelId: m.modelId, task: 'support' })).report).toMatchObject({ source: 'measured', accuracyBps: 6_667 });
    // The producer pays for its own run: its device key signs those charges, linking it to the producer.
    expect((await call(m.producer, 'evals.run', { modelId: m.modelId, task: 'support' })).report.source).toBe('claimed');
    await inSync(everyone, 60_000);
    const figure = async (e: Engine, task: string) => (await call(e, 'catalog.get', { id: m.modelId })).metrics.accuracyBps[task];
    for (const e of everyone) expect(await figure(e, 'support')).toEqual({ value: 6_667, source: 'measured' });

    const chargesOf = (e: Engine) => e.reviews.reportsOf(m.modelId).find((r) => r.evaluator === e.keys.identity.publicKey && r.body.task === 'support')!.body.chargeHashes;
    const report = (task: string, accuracyBps: number, chargeHashes: string[]) => ({
      modelId: m.modelId,
      task,
      suite: `${task}-v1`,
      cases: 3,
      passed: Math.round((accuracyBps * 3) / 10_000),
      accuracyBps,
      chargeHashes,
      latencyP50Ms: 100,
    });
    const evalOf = (key: SigningKey, seq: number, task: string, accuracyBps: number, charges: string[], ts = Date.now()) =>
      sign(key, 'metric-report', `eval:${m.modelId}:${task}`, seq, report(task, accuracyBps, charges), ts);
    const [u1, u2, u3] = m.users as [Engine, Engine, Engine];
    const attacks = {
      future: evalOf(generateSigningKey(), 1, 'support', 0, [], Date.now() + 10 * YEAR),
      invented: evalOf(generateSigningKey(), 1, 'support', 0, [0, 1, 2].map(() => randomBytes(32).toString('hex'))),
      stolen: evalOf(generateSigningKey(), 1, 'support', 0, chargesOf(u2)),
      device: evalOf(m.producer.keys.device, 1, 'support', 10_000, chargesOf(m.producer)),
      outlier: evalOf(u3.keys.identity, 2, 'support', 0, chargesOf(u3)),
      reused: evalOf(u1.keys.identity, 1, 'extraction', 0, chargesOf(u1)),
    };
    const victim = rnd.next() < 0.5 ? u1 : u2;
    await inject(victim, m.marketId, `catalog/${m.producer.keys.identity.publicKey}`, rnd.shuffle(Object.values(attacks)));
    await inSync(everyone, 60_000);

    for (const e of everyone) {
      expect(await figure(e, 'support'), `seed ${rnd.seed}`).toEqual({ value: 6_667, source: 'measured' });
      expect(await figure(e, 'extraction')).toEqual({ value: 7_000, source: 'claimed' });
    }
    const standing = new Map((await call(victim, 'evals.reports', { modelId: m.modelId })).map((r) => [r.hash, r]));
    // Dated ten years ahead: held by every peer's record book until its time, never quarantined.
    expect(standing.has(attacks.future.hash)).toBe(false);
    for (const e of everyone) expect(e.book.integrityRows().find((row) => row.hash === attacks.future.hash)).toMatchObject({ status: 'held' });
    expect(standing.get(attacks.invented.hash)).toMatchObject({ standing: 'pending' });
    expect(standing.get(attacks.stolen.hash)?.standingReason).toMatch(/paid by someone else/);
    expect(standing.get(attacks.device.hash)).toMatchObject({ standing: 'claimed', source: 'claimed' });
    // A paying reporter's figure is one voice in the payment-weighted median, never the last word.
    expect(standing.get(attacks.outlier.hash)).toMatchObject({ standing: 'counted', accuracyBps: 0 });
    expect(standing.get(attacks.reused.hash)?.standingReason).toMatch(/already backs another report/);
    // What the honest peers ran still counts, everywhere.
    for (const u of [u1, u2]) expect(standing.get(u.reviews.reportsOf(m.modelId).find((r) => r.evaluator === u.keys.identity.publicKey && r.body.task === 'support')!.hash)?.standing).toBe('counted');
  });
});
