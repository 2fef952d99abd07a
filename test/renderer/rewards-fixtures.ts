import type { CommandOutput } from '../../src-shared/contract';
import type { EpochComputation, EpochSummary, ModelScore, Projection, RewardParams } from '../../src-shared/rewards';
import { fakeKey, IDENTITY_KEY } from './fixtures';

export const WEEK = 7 * 86_400_000;
export const DAY = 86_400_000;
export const HASH = (n: number) => n.toString(16).padStart(64, 'a');
export const OTHER_KEY = fakeKey('producerNorth');
export const MY_MODEL = `${IDENTITY_KEY}:helpdesk-triage-7b`;
export const OTHER_MODEL = `${OTHER_KEY}:northwind-8b`;

export const PARAMS: RewardParams = { weights: { quality: 50, latency: 20, reliability: 30 }, priorVote: 500, priorWeight: 3, minPayers: 3, minOkObservations: 3 };

/** The engine's clock in these tests: inside epoch 2968, so 2967 and older are final. */
export const NOW = 2968 * WEEK + 2 * DAY;

type Mine = EpochSummary['mine'];

/** An epoch summary whose window follows the engine's rule (epoch n = [n × week, (n+1) × week), grace 1 day). */
export function makeSummary(epoch: number, mine: Partial<Mine> = {}, overrides: Partial<EpochSummary> = {}): EpochSummary {
  const start = epoch * WEEK;
  const inflow = overrides.inflow ?? 200_000;
  const carryIn = overrides.carryIn ?? 4;
  const paid = overrides.paid ?? inflow + carryIn - 3;
  return {
    epoch,
    start,
    close: start + WEEK,
    finalAt: start + WEEK + DAY,
    final: NOW >= start + WEEK + DAY,
    inputs: NOW >= start + WEEK + DAY ? { state: 'final', root: HASH(epoch), count: 80, missing: 0 } : { state: 'provisional', root: null, count: 0, missing: 0 },
    charges: 80,
    inflow,
    carryIn,
    distributable: inflow + carryIn,
    paid,
    carryOut: inflow + carryIn - paid,
    lateCharges: 0,
    lateFees: 0,
    rewarded: 2,
    resultHash: HASH(epoch),
    claimed: 0,
    claims: [],
    mine: { amount: 0, state: 'nothing', why: [], ...mine },
    ...overrides,
  };
}

export function makeEpochs(epochs: EpochSummary[], pool = { balance: 900_000, unclaimed: 600_000, carried: 3 }): CommandOutput<'rewards.epochs'> {
  return { marketplaceId: fakeKey('treasuryDemo'), epochSeconds: 604_800, graceSeconds: 86_400, now: NOW, params: PARAMS, me: IDENTITY_KEY, pool, total: epochs.length, epochs };
}

export function makeModel(modelId: string, producerKey: string, overrides: Partial<ModelScore> = {}): ModelScore {
  const base: ModelScore = {
    modelId,
    name: modelId.endsWith('helpdesk-triage-7b') ? 'Helpdesk Triage 7B' : 'Northwind 8B',
    producerKey,
    payers: 4,
    calls: 8,
    voters: 2,
    consensus: 750,
    quality: 642,
    latency: { part: 571, task: 'support', medianMs: 450, taskMedianMs: 600 },
    reliability: { part: 928, ok: 13, counted: 14 },
    perf: 0,
    score: 0,
    why: ['1 vote(s) clipped at the consensus 750'],
    raters: [],
    ratersTotal: 4,
    ...overrides,
  };
  const perf = overrides.perf ?? Math.floor((50 * base.quality + 20 * base.latency.part + 30 * base.reliability.part) / 100);
  return { ...base, perf, score: overrides.score ?? base.payers * perf };
}

/**
 * A rewards.compute answer computed like the engine: D = inflow + carryIn, each producer's amount
 * ⌊D × score / total⌋, the remainder carried out, so the page's check must find it exact.
 */
export function makeComputation(epoch: number, models: ModelScore[], options: { inflow?: number; carryIn?: number; mine?: Partial<Mine>; qualified?: Record<string, boolean> } = {}): EpochComputation {
  const inflow = options.inflow ?? 10_000;
  const carryIn = options.carryIn ?? 7;
  const keys = [...new Set(models.map((m) => m.producerKey))];
  const producers = keys.map((producerKey) => {
    const own = models.filter((m) => m.producerKey === producerKey);
    const qualified = options.qualified?.[producerKey] ?? true;
    const payers = own.reduce((s, m) => s + m.payers, 0);
    const okObservations = own.reduce((s, m) => s + m.reliability.ok, 0);
    return {
      producerKey,
      name: producerKey === IDENTITY_KEY ? 'My Model Lab' : 'Northwind Models',
      payers,
      okObservations,
      qualified,
      parts: { quality: own[0]!.quality, latency: own[0]!.latency.part, reliability: own[0]!.reliability.part, popularity: payers },
      score: qualified ? own.reduce((s, m) => s + m.score, 0) : 0,
      sharePpm: 0,
      amount: 0,
      why: qualified ? [] : [`threshold not met: ${payers} distinct paying user(s) < 3`],
      models: own.map((m) => m.modelId),
    };
  });
  const total = producers.reduce((s, p) => s + p.score, 0);
  const distributable = inflow + carryIn;
  for (const p of producers) {
    p.amount = total === 0 ? 0 : Number((BigInt(distributable) * BigInt(p.score)) / BigInt(total));
    p.sharePpm = total === 0 ? 0 : Number((BigInt(p.score) * 1_000_000n) / BigInt(total));
  }
  const paid = producers.reduce((s, p) => s + p.amount, 0);
  const mineAmount = producers.find((p) => p.producerKey === IDENTITY_KEY)?.amount ?? 0;
  return {
    summary: makeSummary(epoch, { amount: mineAmount, state: mineAmount > 0 ? 'claimable' : 'nothing', ...options.mine }, { inflow, carryIn, paid, rewarded: producers.filter((p) => p.amount > 0).length }),
    params: PARAMS,
    marketplace: { feeBps: 500, epochSeconds: 604_800, graceSeconds: 86_400 },
    formula: ['model score = payers × perf; producer score = Σ model scores, or 0 below the threshold', 'reward = floor((fees of the epoch + carried remainder) × producer score / total score)'],
    inputsDigest: HASH(9_999),
    totalScore: total,
    producers,
    models,
    tasks: [{ task: 'support', medianLatencyMs: 600, observations: 21 }],
    ignored: { ownCalls: 5, ownSignals: 0, unpaidSignals: 2, lateRecords: 0, uncertifiedObservations: 0 },
  };
}

export function makeProjection(modelId: string, candidate: Projection['candidate']['price']): Projection {
  const standing = (share: number, reward: number, price: Projection['current']['price']) => ({
    price,
    referenceCost: 945,
    valueScore: 8_016_913,
    valueRank: share > 0 ? 1 : 3,
    dominated: false,
    chosen: Math.round((share / 1_000_000) * 65),
    sharePpm: share,
    revenuePerEpoch: Math.floor(share / 100),
    projectedReward: reward,
  });
  return {
    modelId,
    task: 'support',
    accuracyBps: 7_584,
    competitors: 9,
    maxFrontierCost: 1_174,
    current: standing(0, 0, { inputPer1M: 456_000, outputPer1M: 977_000, perRequest: 0 }),
    candidate: { ...standing(400_000, 12_345, candidate), referenceCost: 450 },
    workload: { samples: 65, from: NOW - 20 * DAY, to: NOW - DAY, callsPerEpoch: 15, payersPerEpoch: 8 },
    basis: { epoch: 2967, perf: 575, totalScore: 21_435, distributable: 206_337, amount: 28_368 },
    notes: ['Routed share: the 65 newest calls of the task replayed through the routing planner.'],
  };
}

/** rewards.compute's producerKey filter, as the engine applies it: that producer and its models only. */
export function forProducer(c: EpochComputation, producerKey: string | undefined): EpochComputation {
  if (!producerKey) return c;
  return { ...c, producers: c.producers.filter((p) => p.producerKey === producerKey), models: c.models.filter((m) => m.producerKey === producerKey) };
}
