import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../src-shared/contract';
import { rewardSubject } from '../../src-shared/rewards';
import type { SigningKey } from '../../src-main/engine/identity/keys';
import { POOL_ACCOUNT, producerAccount, TREASURY_ACCOUNT, userAccount } from '../../src-main/engine/ledger/entry-rules';
import { draftOf, signRecord, type SignedRecord } from '../../src-main/engine/records/signed';
import type { Incoming } from '../../src-main/engine/sync/ingest-queue';
import { openTestEngine, type TestEngine } from '../catalog/helpers';
import { honestEpoch } from '../rewards/helpers';
import { CLOSE, DAY, E, EPOCH_SECONDS, FINAL, GRACE_SECONDS, manualClock, Scenario, shuffled, START } from '../rewards/scenario';

/**
 * The convergence property: N engines given the same records in different orders, batches
 * and at different times — with a forked payer chain, a future-dated record and records that arrive
 * only after the epoch's grace (late, or signed then and backdated) — end with identical balances,
 * epoch result hashes and claim verdicts. Engine 0 holds the marketplace's treasury key
 * (`marketplace.create`) and produces a model; the others are peers that receive the records as
 * sync hands them over (bytes through the RecordBook). fast-check draws the orders, batch sizes,
 * times and where the fork and the late records fall; ADVERSARIAL_SEED seeds it.
 */
const SEED = Number(process.env.ADVERSARIAL_SEED ?? 8);
const ENGINES = 3;
const HOUR = 3_600_000;
const open: TestEngine[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

interface Plan {
  seeds: number[];
  batches: number[];
  /** Hours after the close (in time) or after finalAt (late) at which each peer first receives the epoch. */
  hours: number[];
  /** Whether each peer receives the epoch only after its grace (peer 1 always does). */
  peerLate: boolean[];
  /** Whether each peer receives the late records before or after the treasury's records. */
  lateFirst: boolean[];
  /** The fork's second branch arrives with the epoch (the treasury sees it before closing) or late. */
  forkLate: boolean;
}

const plan: fc.Arbitrary<Plan> = fc.record({
  seeds: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: ENGINES, maxLength: ENGINES }),
  batches: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: ENGINES, maxLength: ENGINES }),
  hours: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: ENGINES, maxLength: ENGINES }),
  peerLate: fc.array(fc.boolean(), { minLength: ENGINES, maxLength: ENGINES }),
  lateFirst: fc.array(fc.boolean(), { minLength: ENGINES, maxLength: ENGINES }),
  forkLate: fc.boolean(),
});

const items = (records: ReadonlyArray<{ doc: string; record: SignedRecord }>): Incoming[] => records.map(({ doc, record }) => ({ doc, key: record.hash, bytes: record.bytes }));
const held = (t: TestEngine): Incoming[] => t.engine.docs.docNames().flatMap((doc) => t.engine.docs.records(doc).map(([key, bytes]) => ({ doc, key, bytes })));

async function deliver(t: TestEngine, batch: Incoming[], seed: number, size: number): Promise<void> {
  const order = shuffled(batch, seed);
  for (let i = 0; i < order.length; i += size) await t.engine.absorb(order.slice(i, i + size));
}

/** A second entry at the same place in `key`'s chain as `entry`: the same seq and prev, another payment. */
function fork(key: SigningKey, entry: SignedRecord): SignedRecord {
  const body = entry.payload.body as { id: string; memo: { decisionId: string } };
  const memo = { ...body.memo, decisionId: `${body.memo.decisionId}-fork` };
  return signRecord(key, draftOf('ledger-entry', entry.payload.subject, entry.payload.seq, { ...body, id: `${body.id}-fork`, memo }, entry.payload.ts + 1));
}

/** The market: its treasury is engine 0's, so engine 0 closes epochs by itself. */
async function market(treasuryEngine: TestEngine) {
  const s = new Scenario();
  const created = await treasuryEngine.call('marketplace.create', { name: 'Convergence', feeBps: s.feeBps, epochSeconds: EPOCH_SECONDS, graceSeconds: GRACE_SECONDS });
  // Deposits are signed by the engine's treasury key; its own config replaces the scenario's.
  Object.defineProperty(s, 'treasury', { value: treasuryEngine.engine.keys.treasury });
  s.out.shift();
  const P = s.producer(['p1'], 'support', treasuryEngine.engine.keys.identity);
  const X = s.producer(['x1']);
  const Y = s.producer(['y1']);
  const honest = honestEpoch(s, [...P.models, ...X.models, ...Y.models], { users: 4 });
  const forker = s.user();
  s.call(forker, P.models[0]!, START + 2 * DAY);
  s.call(forker, X.models[0]!, START + 2 * DAY + HOUR);
  const forked = fork(forker, s.out.filter(({ record }) => record.payload.kind === 'ledger-entry' && record.payload.author === forker.publicKey).at(-1)!.record);
  // Dated ahead: a review and a charge two months ahead (ahead of every clock here), and a charge
  // 30 hours after finalAt, ahead of some engines' clocks when it arrives and behind all at the end.
  const charge = honest.calls.get(`${honest.users[0]!.publicKey}|${X.models[0]}`)![0]!.charge;
  s.review(honest.users[0]!, X.models[0]!, 1, charge, FINAL + 60 * DAY);
  s.call(s.user(), Y.models[0]!, FINAL + 60 * DAY);
  s.call(s.user(), Y.models[0]!, FINAL + 30 * HOUR);
  const epoch = s.out.length;
  // Late: a charge signed after the grace, dated in the epoch, and a new review version backdated into it.
  s.call(honest.users[1]!, P.models[0]!, START + 6 * DAY);
  s.review(honest.users[2]!, X.models[0]!, 1, honest.calls.get(`${honest.users[2]!.publicKey}|${X.models[0]}`)![0]!.charge, START + 6 * DAY);
  const late = items(s.since(epoch));
  const forkItem = { doc: `ledger/${forker.publicKey}`, key: forked.hash, bytes: forked.bytes };
  return { s, created, P, X, Y, honest, forker, inEpoch: items(s.out.slice(0, epoch)), late, forkItem };
}

/** What every peer must agree on: every epoch's result and every claim's verdict (not which producer is "me"). */
function consensus(x: CommandOutput<'rewards.epochs'>) {
  return x.epochs.map((e) => ({ epoch: e.epoch, final: e.final, charges: e.charges, resultHash: e.resultHash, paid: e.paid, claims: e.claims.map((c) => [c.hash, c.status, c.reason]) }));
}

describe('convergence: N engines, the same records, any order and time', () => {
  it('compute identical balances, epoch result hashes and claim verdicts', { timeout: 150_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const clocks = Array.from({ length: ENGINES }, () => manualClock(START - 30 * DAY));
        const engines: TestEngine[] = [];
        for (const clock of clocks) {
          const t = await openTestEngine({ clock: clock.now });
          open.push(t);
          engines.push(t);
        }
        const [treasury, ...peers] = engines as [TestEngine, ...TestEngine[]];
        const m = await market(treasury);
        for (const peer of peers) {
          await peer.engine.adoptMarketplace(m.created.id);
          await peer.engine.absorb(held(treasury));
        }
        const epochRecords = p.forkLate ? m.inEpoch : [...m.inEpoch, m.forkItem];
        const lateRecords = p.forkLate ? [...m.late, m.forkItem] : m.late;

        // The treasury receives the epoch in time, then (past the grace) closes it and claims.
        clocks[0]!.set(CLOSE + p.hours[0]! * HOUR);
        await deliver(treasury, epochRecords, p.seeds[0]!, p.batches[0]!);
        clocks[0]!.set(FINAL + p.hours[0]! * HOUR);
        await treasury.call('rewards.epochs', {});
        const { claim } = await treasury.call('rewards.claim', { epoch: E });
        const computed = await treasury.call('rewards.compute', { epoch: E });
        const amountX = computed.producers.find((x) => x.producerKey === m.X.key.publicKey)!.amount;
        const claims = [
          signRecord(m.X.key, draftOf('reward-claim', rewardSubject(E, m.X.key.publicKey), 1, { epoch: E, amount: amountX, resultHash: claim.resultHash }, FINAL + p.hours[0]! * HOUR)),
          signRecord(m.Y.key, draftOf('reward-claim', rewardSubject(E, m.Y.key.publicKey), 1, { epoch: E, amount: 1, resultHash: claim.resultHash }, FINAL - HOUR)),
        ];
        const claimItems = claims.map((r) => ({ doc: `rewards/${r.payload.author}`, key: r.hash, bytes: r.bytes }));
        await treasury.engine.absorb(claimItems);
        clocks[0]!.set(FINAL + 2 * p.hours[0]! * HOUR);
        await deliver(treasury, lateRecords, p.seeds[0]! + 1, p.batches[0]!);

        // Each peer: the epoch in time or late, the late records before or after the treasury's records.
        for (const [i, peer] of peers.entries()) {
          const k = i + 1;
          clocks[k]!.set((k === 1 || p.peerLate[k] ? FINAL : CLOSE) + p.hours[k]! * HOUR);
          await deliver(peer, epochRecords, p.seeds[k]!, p.batches[k]!);
          clocks[k]!.set(FINAL + (24 + p.hours[k]!) * HOUR);
          if (p.lateFirst[k]) await deliver(peer, lateRecords, p.seeds[k]! + 1, p.batches[k]!);
          // What the treasury signed (its close, its claim) and the producers' claims it passed on.
          await deliver(peer, [...held(treasury), ...claimItems], p.seeds[k]! + 2, p.batches[k]!);
          if (!p.lateFirst[k]) await deliver(peer, lateRecords, p.seeds[k]! + 1, p.batches[k]!);
        }

        // Compared at different times of the next epoch.
        engines.forEach((_, k) => clocks[k]!.set(FINAL + (48 + 3 * p.hours[k]!) * HOUR));
        const accounts = [POOL_ACCOUNT, TREASURY_ACCOUNT, ...[m.P.key, m.X.key, m.Y.key].map((k) => producerAccount(k.publicKey)), ...[...m.honest.users, m.forker].map((u) => userAccount(u.publicKey))];
        const views = await Promise.all(
          engines.map(async (t) => ({
            balances: await Promise.all(accounts.map(async (account) => (await t.call('ledger.balance', { account })).balance)),
            epochs: consensus(await t.call('rewards.epochs', {})),
          })),
        );
        for (const view of views.slice(1)) expect(view).toEqual(views[0]);
        const e = views[0]!.epochs.find((x) => x.epoch === E)!;
        expect(e.final).toBe(true);
        expect(e.claims.map((c) => c[1]).sort()).toEqual(['quarantined', 'valid', 'valid']);
        for (const t of open.splice(0)) await t.close();
      }),
      { numRuns: Number(process.env.CONVERGENCE_RUNS ?? 3), seed: SEED, endOnFailure: true },
    );
  });
});
