import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src-shared/canonical-json';
import { producerOf } from '../../../src-shared/domain';
import type { RewardParams } from '../../../src-shared/rewards';
import type { EpochData, Verifier } from './epoch-data';
import { scoreModels, type Ignored, type ModelResult } from './model-score';
import type { EpochWindow } from './params';

export interface ProducerResult {
  producerKey: string;
  payers: number;
  okObservations: number;
  qualified: boolean;
  score: number;
  sharePpm: number;
  amount: number;
  why: string[];
  models: string[];
}

/**
 * Where an epoch's inputs stand here: provisional (no epoch-close yet: every record held counts),
 * incomplete (a close is held but `missing` of the records it lists are not: still provisional),
 * final (computed from exactly the records the close lists).
 */
export interface EpochInputs {
  state: 'provisional' | 'incomplete' | 'final';
  root: string | null;
  count: number;
  missing: number;
  /** Every record the computation read: what an epoch-close of this result lists. */
  read: ReadonlySet<string>;
}

export interface EpochResult {
  window: EpochWindow;
  inputs: EpochInputs;
  charges: number;
  inflow: number;
  carryIn: number;
  distributable: number;
  paid: number;
  carryOut: number;
  late: { charges: number; fees: number; records: number };
  totalScore: number;
  producers: ProducerResult[];
  models: ModelResult[];
  tasks: Array<{ task: string; medianLatencyMs: number; observations: number }>;
  ignored: Ignored & { lateRecords: number; uncertifiedObservations: number };
  inputsDigest: string;
  resultHash: string;
  amounts: ReadonlyMap<string, number>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function producersOf(models: ModelResult[], p: RewardParams): ProducerResult[] {
  const grouped = new Map<string, ModelResult[]>();
  for (const m of models) grouped.set(m.producerKey, [...(grouped.get(m.producerKey) ?? []), m]);
  return [...grouped.keys()].sort().map((producerKey) => {
    const own = grouped.get(producerKey)!;
    const payers = new Set(own.flatMap((m) => m.payerKeys)).size;
    const okObservations = own.reduce((s, m) => s + m.reliability.ok, 0);
    const qualified = payers >= p.minPayers && okObservations >= p.minOkObservations;
    const why: string[] = [];
    if (payers < p.minPayers) why.push(`threshold not met: ${payers} distinct paying user(s) < ${p.minPayers}`);
    if (okObservations < p.minOkObservations) why.push(`threshold not met: ${okObservations} counted successful observation(s) < ${p.minOkObservations}`);
    const score = qualified ? own.reduce((s, m) => s + m.score, 0) : 0;
    return { producerKey, payers, okObservations, qualified, score, sharePpm: 0, amount: 0, why, models: own.map((m) => m.modelId) };
  });
}

/**
 * One epoch's split, a pure function of its data and the carried remainder: integer arithmetic
 * (BigInt for amount × score), canonical order, and a hash over the canonical JSON of everything
 * that decides the money, so any peer can recompute it byte for byte.
 */
export function computeEpoch(
  data: EpochData,
  verify: Verifier,
  carryIn: number,
  p: RewardParams,
  marketplaceId: string,
  inputs: EpochInputs = { state: 'provisional', root: null, count: 0, missing: 0, read: new Set() },
): EpochResult {
  const considered: string[] = [];
  const { models, tasks, ignored } = scoreModels(data, verify, p, producerOf, considered);
  const producers = producersOf(models, p);
  const inflow = data.charges.reduce((s, c) => s + c.fee, 0);
  const distributable = inflow + carryIn;
  const totalScore = producers.reduce((s, r) => s + r.score, 0);
  let paid = 0;
  if (totalScore > 0) {
    for (const r of producers) {
      r.amount = Number((BigInt(distributable) * BigInt(r.score)) / BigInt(totalScore));
      r.sharePpm = Number((BigInt(r.score) * 1_000_000n) / BigInt(totalScore));
      paid += r.amount;
    }
  }
  const qualifiedKeys = new Set(producers.filter((r) => r.qualified).map((r) => r.producerKey));
  for (const m of models) if (!qualifiedKeys.has(m.producerKey) && m.payers > 0) m.why.push("its producer is below the activity threshold: the model's score does not count");
  // Every source list is iterated in canonical order (charges, feedback, evaluations and observations
  // by hash, reviews by model then reviewer), so the list needs no sort of its own.
  const inputsDigest = sha256(considered.join('\n'));
  const core = {
    v: 2,
    marketplace: marketplaceId,
    // The epoch-close's root: a final result names the inputs it was computed from (null: provisional).
    closeRoot: inputs.state === 'final' ? inputs.root : null,
    epoch: data.window.epoch,
    start: data.window.start,
    close: data.window.close,
    finalAt: data.window.finalAt,
    params: p,
    inputs: inputsDigest,
    inflow,
    carryIn,
    carryOut: distributable - paid,
    producers: producers.map((r) => ({ producerKey: r.producerKey, payers: r.payers, okObservations: r.okObservations, score: r.score, amount: r.amount })),
    models: models.map((m) => ({ modelId: m.modelId, payers: m.payers, consensus: m.consensus, quality: m.quality, latency: m.latency.part, reliability: m.reliability.part, perf: m.perf, score: m.score })),
  };
  return {
    window: data.window,
    inputs,
    charges: data.charges.length,
    inflow,
    carryIn,
    distributable,
    paid,
    carryOut: distributable - paid,
    late: { ...data.late },
    totalScore,
    producers,
    models,
    tasks,
    ignored: { ...ignored, lateRecords: data.late.records, uncertifiedObservations: data.uncertified },
    inputsDigest,
    resultHash: sha256(canonicalJson(core)),
    amounts: new Map(producers.filter((r) => r.amount > 0).map((r) => [r.producerKey, r.amount])),
  };
}
