import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_CLOSE_HASHES } from '../../src-shared/rewards';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { closeRecords, EpochCloses, epochsDocOf } from '../../src-main/engine/incentives/epoch-close';
import { draftOf, signRecord } from '../../src-main/engine/records/signed';
import type { EpochCloseBody } from '../../src-shared/rewards';
import { openTestEngine, type TestEngine } from '../catalog/helpers';
import { copyRecords } from '../reviews/helpers';
import { closeEpochs, honestEpoch, marketEngine } from './helpers';
import { CLOSE, DAY, E, EPOCH_SECONDS, FINAL, GRACE_SECONDS, manualClock, publishAll, Scenario, START } from './scenario';

const HOUR = 3_600_000;
const open: TestEngine[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

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
  return { s, clock, p, q, P, X, honest };
}

const closeDoc = (s: Scenario) => epochsDocOf(s.treasury.publicKey);
const asIncoming = (s: Scenario, records: ReturnType<typeof closeRecords>) => records.map((r) => ({ doc: closeDoc(s), key: r.hash, bytes: r.bytes }));

describe('the epoch-close record', () => {
  it('fixes the epoch without moving its money: the final split is the provisional one, named by the close root', async () => {
    const { s, clock, p } = await market();
    clock.set(FINAL + HOUR);
    const provisional = await p.call('rewards.compute', { epoch: E });
    expect(provisional.summary).toMatchObject({ final: false, inputs: { state: 'provisional', root: null } });
    expect(await closeEpochs(s, p)).toBe(1);
    const final = await p.call('rewards.compute', { epoch: E });
    expect(final.summary).toMatchObject({ final: true, inputs: { state: 'final', missing: 0 } });
    expect(final.summary.inputs.count).toBeGreaterThan(final.summary.charges);
    expect(final.producers.map((x) => [x.producerKey, x.amount])).toEqual(provisional.producers.map((x) => [x.producerKey, x.amount]));
    expect(final.inputsDigest).toBe(provisional.inputsDigest);
    expect(final.summary.resultHash).not.toBe(provisional.summary.resultHash);
    // Nothing more is due: a second pass signs nothing.
    expect(await closeEpochs(s, p)).toBe(0);
  });

  it('is refused at the door unless the treasury signed it, with sorted hashes, under its epoch and part', async () => {
    const { s, clock, p } = await market();
    clock.set(FINAL + HOUR);
    const hashes = [...p.engine.rewards.result(E)!.inputs.read];
    const [forged] = closeRecords(generateSigningKey(), E, 0, hashes, FINAL + HOUR);
    await p.engine.absorb(asIncoming(s, [forged!]));
    expect(p.engine.book.quarantine().find((row) => row.hash === forged!.hash)?.reason).toMatch(/not by the treasury/);
    expect((await p.call('rewards.compute', { epoch: E })).summary.final).toBe(false);
  });

  it('leaves a peer missing some of its records incomplete (claims pending) until they arrive, then final and valid', async () => {
    const { s, clock, p, q } = await market();
    clock.set(FINAL + HOUR);
    await closeEpochs(s, p);
    const { claim } = await p.call('rewards.claim', { epoch: E });
    // q gets everything but one review the close lists.
    const closed = p.engine.rewards.inputs.closes.fixed(E, s.treasury.publicKey)!;
    const review = s.out.find(({ record }) => record.payload.kind === 'review' && closed.hashes.has(record.hash))!;
    const all = p.engine.docs.docNames().flatMap((doc) => p.engine.docs.records(doc).map(([key, bytes]) => ({ doc, key, bytes })));
    await q.engine.absorb(all.filter((item) => item.key !== review.record.hash));
    const waiting = (await q.call('rewards.epochs', {})).epochs.find((e) => e.epoch === E)!;
    expect(waiting).toMatchObject({ final: false, inputs: { state: 'incomplete', missing: 1 } });
    expect(waiting.claims[0]).toMatchObject({ hash: claim.hash, status: 'pending', reason: expect.stringMatching(/1 of the \d+ records/) });
    expect((await q.fail('rewards.claim', { epoch: E })).code).toBe('NOT_READY');
    await copyRecords(p.engine, q.engine);
    const done = (await q.call('rewards.epochs', {})).epochs.find((e) => e.epoch === E)!;
    expect(done).toMatchObject({ final: true, resultHash: claim.resultHash, inputs: { state: 'final', missing: 0 } });
    expect(done.claims[0]).toMatchObject({ status: 'valid' });
  });

  it('a treasury that signs two closes of one epoch gets the same one chosen on every peer, whatever the order', async () => {
    const { s, clock, p, q, honest } = await market();
    clock.set(FINAL + HOUR);
    await copyRecords(p.engine, q.engine);
    const result = p.engine.rewards.result(E)!;
    const full = closeRecords(s.treasury, E, result.carryIn, result.inputs.read, FINAL + HOUR);
    // The other close leaves out one payer's charges of p1.
    const left = new Set(s.out.filter(({ record }) => record.payload.kind === 'ledger-entry' && record.payload.author === honest.users[0]!.publicKey).map(({ record }) => record.hash));
    const partial = closeRecords(s.treasury, E, result.carryIn, [...result.inputs.read].filter((h) => !left.has(h)), FINAL + 2 * HOUR);
    // Records dated ahead of the clock are held until it reaches them (records/set-aside.ts).
    clock.set(FINAL + 2 * HOUR);
    await p.engine.absorb(asIncoming(s, [...full, ...partial]));
    await q.engine.absorb(asIncoming(s, [...partial]));
    await q.engine.absorb(asIncoming(s, [...full]));
    const [a, b] = await Promise.all([p, q].map(async (t) => (await t.call('rewards.epochs', {})).epochs.find((e) => e.epoch === E)!));
    expect(a!.final).toBe(true);
    expect(b!.resultHash).toBe(a!.resultHash);
    const chosen = [full[0]!, partial[0]!].map((r) => (r.payload.body as EpochCloseBody).root).sort()[0];
    expect(a!.inputs.root).toBe(chosen);
  });

  it('counts a listed observation on a peer that lacks its device certificate: the treasury checked it', async () => {
    const { s, clock, p, q, X } = await market();
    // A payer whose observations are signed by a device its identity certified.
    const user = s.user();
    const device = generateSigningKey();
    const cert = signRecord(user, draftOf('device-cert', user.publicKey, 1, { deviceKey: device.publicKey, label: 'laptop' }, s.t0));
    const mark = s.out.length;
    const calls = [0, 1, 2].map((i) => s.call(user, X.models[0]!, START + 3 * DAY + i * HOUR, { observe: false }));
    const observations = calls.map((c, i) => {
      const body = { modelId: X.models[0]!, task: 'support', decisionId: c.decisionId, identity: user.publicKey, ok: true, latencyMs: 300, inputTokens: 1_000, outputTokens: 500, usageEstimated: false };
      return signRecord(device, draftOf('observation', `observations:${device.publicKey}`, i + 1, body, START + 3 * DAY + i * HOUR + 1));
    });
    const extra = [...s.incoming((x) => x, mark), ...[cert, ...observations].map((r) => ({ doc: `observations/${device.publicKey}`, key: r.hash, bytes: r.bytes }))];
    await p.engine.absorb(extra);
    clock.set(FINAL + HOUR);
    await closeEpochs(s, p);
    const fixed = p.engine.rewards.inputs.closes.fixed(E, s.treasury.publicKey)!;
    expect(observations.every((o) => fixed.hashes.has(o.hash))).toBe(true);
    await copyRecords(p.engine, q.engine);
    await q.engine.absorb(s.incoming((x) => x).concat(extra.filter((item) => item.key !== cert.hash)));
    const [a, b] = await Promise.all([p, q].map(async (t) => (await t.call('rewards.epochs', {})).epochs.find((e) => e.epoch === E)!));
    expect(b!.final).toBe(true);
    expect(b!.resultHash).toBe(a!.resultHash);
  });

  it('is signed by the engine holding the treasury key by itself, on its timer, when the grace period ends', async () => {
    const clock = manualClock(START - 30 * DAY);
    const t = await openTestEngine({ clock: clock.now });
    open.push(t);
    const s = new Scenario();
    await t.call('marketplace.create', { name: 'Timer', feeBps: s.feeBps, epochSeconds: EPOCH_SECONDS, graceSeconds: GRACE_SECONDS });
    // Deposits are signed by this engine's treasury key; its own config replaces the scenario's.
    Object.defineProperty(s, 'treasury', { value: t.engine.keys.treasury });
    s.out.shift();
    honestEpoch(s, s.producer(['a1']).models.concat(s.producer(['b1']).models), { users: 4 });
    clock.set(CLOSE + HOUR);
    await publishAll(t.engine, s.out);
    clock.set(FINAL - 30);
    await t.engine.epochCloser.start();
    expect(t.engine.rewards.inputs.closes.fixed(E, t.engine.keys.treasury!.publicKey)).toBeNull();
    clock.set(FINAL + 1);
    const deadline = Date.now() + 10_000;
    while (!t.engine.rewards.inputs.closes.fixed(E, t.engine.keys.treasury!.publicKey) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(t.engine.rewards.result(E)!.inputs.state).toBe('final');
  });

  it('splits a large epoch into parts: fixed only once every part is held and the root recomputes', () => {
    const treasury = generateSigningKey();
    const hashes = Array.from({ length: 2 * MAX_CLOSE_HASHES + 5 }, (_, i) => createHash('sha256').update(String(i)).digest('hex'));
    const parts = closeRecords(treasury, 7, 42, hashes, START + DAY);
    expect(parts.map((r) => (r.payload.body as EpochCloseBody).hashes.length)).toEqual([MAX_CLOSE_HASHES, MAX_CLOSE_HASHES, 5]);
    const closes = new EpochCloses();
    for (const r of parts.slice(0, 2)) closes.add(r.hash, r.payload.author, r.payload.body as EpochCloseBody);
    expect(closes.fixed(7, treasury.publicKey)).toBeNull();
    closes.add(parts[2]!.hash, parts[2]!.payload.author, parts[2]!.payload.body as EpochCloseBody);
    const fixed = closes.fixed(7, treasury.publicKey)!;
    expect(fixed).toMatchObject({ epoch: 7, carryIn: 42 });
    expect(fixed.hashes.size).toBe(hashes.length);
    // Under another treasury key nothing is fixed.
    expect(closes.fixed(7, generateSigningKey().publicKey)).toBeNull();
  });
});
