import { createHash } from 'node:crypto';
import type { RecordPayload } from '../src-shared/domain';
import { computeEpoch } from '../src-main/engine/incentives/epoch-compute';
import { epochData, verifierOf } from '../src-main/engine/incentives/epoch-data';
import { epochOf, REWARD_PARAMS, windowOf } from '../src-main/engine/incentives/params';
import { RewardState } from '../src-main/engine/incentives/reward-state';
import type { SignedRecord } from '../src-main/engine/records/signed';
import { seededRandom } from '../src-main/engine/seed/producer-kit';
import { percentile, report, timeRuns } from './harness';

const EPOCH_SECONDS = 7 * 86_400;
const LEN = EPOCH_SECONDS * 1000;
const START = 2_904 * LEN;

/** A 43-character key-shaped id (the computation never checks signatures: the RecordBook did). */
const keyOf = (label: string) => createHash('sha256').update(label).digest('base64url').slice(0, 43);

/**
 * Records as the RecordBook hands them to appliers, already verified. Signing 40k records would
 * only time Ed25519 here; the epoch computation reads payloads and hashes, never signatures.
 */
function record(kind: RecordPayload['kind'], author: string, seq: number, ts: number, body: unknown, n: number): SignedRecord {
  const hash = createHash('sha256').update(`${kind}:${n}`).digest('hex');
  return { hash, bytes: new Uint8Array(0), payload: { v: 1, kind, author, subject: `${kind}:${author}`, seq, ts, body } };
}

/** `charges` calls and as many observations, by 2,000 users over 200 models of 40 producers, in one epoch. */
function workload(charges: number): SignedRecord[] {
  const random = seededRandom(7);
  const producers = Array.from({ length: 40 }, (_, i) => keyOf(`producer-${i}`));
  const models = Array.from({ length: 200 }, (_, i) => `${producers[i % 40]}:model-${i}`);
  const users = Array.from({ length: 2_000 }, (_, i) => keyOf(`user-${i}`));
  const out: SignedRecord[] = [];
  for (let i = 0; i < charges; i++) {
    // Skewed popularity: a few models get most calls, as in any marketplace.
    const modelId = models[Math.floor(random() ** 2 * models.length)]!;
    const identity = users[Math.floor(random() * users.length)]!;
    const ts = START + Math.floor(random() * (LEN - 1));
    const memo = { modelId, decisionId: `d${i}`, inputTokens: 1_000, outputTokens: 500, usageEstimated: false, latencyMs: 300, cost: 5_000, fee: 250 };
    const body = { id: `c${i}`, prev: '0'.repeat(64), kind: 'charge', postings: [], identity, memo };
    out.push(record('ledger-entry', identity, i + 1, ts, body, i));
    const ok = random() > 0.05;
    out.push(record('observation', identity, i + 1, ts, { modelId, task: 'support', decisionId: `d${i}`, identity, ok, latencyMs: 200 + Math.floor(random() * 2_000), inputTokens: 1_000, outputTokens: 500, usageEstimated: false }, charges + i));
  }
  return out;
}

export async function benchRewards(charges = 20_000): Promise<void> {
  let now = START + LEN;
  const state = new RewardState({
    clock: () => now,
    marketplace: { id: keyOf('treasury'), info: () => ({ epochSeconds: EPOCH_SECONDS, graceSeconds: 86_400 }) },
    isApplied: () => true,
    emit: () => undefined,
  });
  for (const r of workload(charges)) state.apply(r);
  now = START + 2 * LEN;
  const { inputs } = state;
  const epoch = epochOf(START, LEN);
  const bucket = inputs.buckets(LEN).get(epoch);
  // What a new record in the epoch costs: the epoch's data rebuilt from its bucket and recomputed.
  const cold = await timeRuns(15, () => {
    const admit = { fixed: null, isApplied: () => true, read: new Set<string>() };
    const data = epochData(bucket, windowOf(epoch, LEN, 86_400_000), inputs, admit);
    return computeEpoch(data, verifierOf(inputs, admit), 0, REWARD_PARAMS, keyOf('treasury'));
  });
  const baseline = await timeRuns(15, () => {
    let fees = 0;
    for (const c of inputs.charges.values()) fees += c.fee;
    return fees;
  });
  const [result] = state.epochs();
  if (!result || result.charges !== charges || result.paid + result.carryOut !== result.inflow) throw new Error('the split does not add up');
  report({ name: `rewards-epoch-${charges / 1000}k`, value: percentile(cold, 50), unit: 'ms', baseline: `one pass summing the fees of the same ${charges} charges`, baselineValue: percentile(baseline, 50) });
  const cached = await timeRuns(20, () => state.epochs());
  report({ name: 'rewards-epochs-cached', value: percentile(cached, 50), unit: 'ms', baseline: 'the same epoch computed cold', baselineValue: percentile(cold, 50) });
}
