import type { CommandOutput } from '../../../src-shared/contract';
import { AppError } from '../../../src-shared/errors';
import type { ClaimView, EpochComputation, EpochSummary, ModelScore } from '../../../src-shared/rewards';
import { producerKeyOf } from '../identity/identity';
import { POOL_ACCOUNT } from '../ledger/entry-rules';
import type { IncentiveContext } from './context';
import type { EpochResult } from './epoch-compute';
import type { ModelResult } from './model-score';
import { formulaLines, RATER_DETAIL_LIMIT, REWARD_PARAMS } from './params';
import type { ClaimState } from './reward-state';

function claimView(context: IncentiveContext, c: ClaimState): ClaimView {
  return { hash: c.hash, producerKey: c.producerKey, epoch: c.epoch, amount: c.amount, resultHash: c.resultHash, seq: c.seq, ts: c.ts, status: c.status, reason: c.reason, mine: c.producerKey === producerKeyOf(context.keys).publicKey };
}

/** Why an epoch is not claimable yet, from where its inputs stand. */
function notFinalWhy({ inputs, window }: EpochResult): string {
  if (inputs.state === 'incomplete') return `closed by the treasury; ${inputs.missing} of the ${inputs.count} records its close lists have not arrived here yet`;
  return `provisional: final (claimable) once the treasury's epoch-close arrives, due from ${window.finalAt}`;
}

/** What the local identity, as a producer, can do with an epoch, and why. */
function mineOf(context: IncentiveContext, result: EpochResult, claims: readonly ClaimState[], final: boolean): EpochSummary['mine'] {
  const me = producerKeyOf(context.keys).publicKey;
  const amount = result.amounts.get(me) ?? 0;
  const producer = result.producers.find((p) => p.producerKey === me);
  const why = producer?.why.length ? [...producer.why] : producer ? [] : ['none of your models was paid for by another identity in this epoch'];
  if (claims.some((c) => c.producerKey === me && c.status === 'valid')) return { amount, state: 'claimed', why };
  if (!final) return { amount, state: 'not-final', why: [...why, notFinalWhy(result)] };
  return { amount, state: amount > 0 ? 'claimable' : 'nothing', why };
}

export function summaryOf(context: IncentiveContext, result: EpochResult, allClaims: readonly ClaimState[]): EpochSummary {
  const { window: w, inputs } = result;
  const claims = allClaims.filter((c) => c.epoch === w.epoch);
  const final = inputs.state === 'final';
  return {
    epoch: w.epoch,
    start: w.start,
    close: w.close,
    finalAt: w.finalAt,
    final,
    inputs: { state: inputs.state, root: inputs.root, count: inputs.count, missing: inputs.missing },
    charges: result.charges,
    inflow: result.inflow,
    carryIn: result.carryIn,
    distributable: result.distributable,
    paid: result.paid,
    carryOut: result.carryOut,
    lateCharges: result.late.charges,
    lateFees: result.late.fees,
    rewarded: result.amounts.size,
    resultHash: result.resultHash,
    claimed: claims.filter((c) => c.status === 'valid').reduce((s, c) => s + c.amount, 0),
    claims: claims.map((c) => claimView(context, c)),
    mine: mineOf(context, result, claims, final),
  };
}

export function epochsView(context: IncentiveContext, limit = 200): CommandOutput<'rewards.epochs'> {
  const config = context.rewards.config();
  const results = context.rewards.epochs();
  const claims = context.rewards.claims();
  const summaries = results.map((r) => summaryOf(context, r, claims)).reverse();
  const unclaimed = summaries.filter((s) => s.final).reduce((sum, s) => sum + s.paid - s.claimed, 0);
  return {
    marketplaceId: config?.marketplaceId ?? null,
    epochSeconds: config ? config.lenMs / 1000 : null,
    graceSeconds: config ? config.graceMs / 1000 : null,
    now: context.clock(),
    params: REWARD_PARAMS,
    me: producerKeyOf(context.keys).publicKey,
    pool: { balance: context.ledger.balance(POOL_ACCOUNT), unclaimed, carried: results.at(-1)?.carryOut ?? 0 },
    total: summaries.length,
    epochs: summaries.slice(0, limit),
  };
}

export function requireResult(context: Pick<IncentiveContext, 'rewards'>, epoch: number): EpochResult {
  if (!context.rewards.config()) throw new AppError('NOT_READY', 'This data folder belongs to no marketplace (or its config has not arrived yet)');
  const result = context.rewards.result(epoch);
  if (!result) throw new AppError('NOT_FOUND', `Epoch ${epoch} has no charges and no claims`, { epoch });
  return result;
}

function modelView(context: IncentiveContext, m: ModelResult): ModelScore {
  const raters = [...m.raters].sort((a, b) => b.weight - a.weight || b.calls - a.calls || (a.identity < b.identity ? -1 : 1));
  return {
    modelId: m.modelId,
    name: context.catalog.listing(m.modelId)?.name ?? null,
    producerKey: m.producerKey,
    payers: m.payers,
    calls: m.calls,
    voters: m.voters,
    consensus: m.consensus,
    quality: m.quality,
    latency: m.latency,
    reliability: m.reliability,
    perf: m.perf,
    score: m.score,
    why: m.why,
    raters: raters.slice(0, RATER_DETAIL_LIMIT).map((r) => ({ ...r, callsClipped: r.weight < r.calls })),
    ratersTotal: raters.length,
  };
}

/** A producer's parts: its models' parts averaged by their payers (a model nobody paid for weighs 0). */
function partsOf(models: readonly ModelResult[], payers: number) {
  const weight = models.reduce((s, m) => s + m.payers, 0);
  const mean = (part: (m: ModelResult) => number) => (weight === 0 ? 0 : Math.floor(models.reduce((s, m) => s + m.payers * part(m), 0) / weight));
  return { quality: mean((m) => m.quality), latency: mean((m) => m.latency.part), reliability: mean((m) => m.reliability.part), popularity: payers };
}

export function computationView(context: IncentiveContext, result: EpochResult, filter: { producerKey?: string; modelId?: string }): EpochComputation {
  const wanted = (producerKey: string, modelId?: string) => (!filter.producerKey || producerKey === filter.producerKey) && (!filter.modelId || modelId === undefined || modelId === filter.modelId);
  const models = result.models.filter((m) => wanted(m.producerKey, m.modelId));
  const producerKeys = new Set(models.map((m) => m.producerKey));
  const config = context.rewards.config();
  return {
    summary: summaryOf(context, result, context.rewards.claims()),
    params: REWARD_PARAMS,
    marketplace: { feeBps: context.marketplace.info()?.feeBps ?? 0, epochSeconds: (config?.lenMs ?? 0) / 1000, graceSeconds: (config?.graceMs ?? 0) / 1000 },
    formula: formulaLines(REWARD_PARAMS),
    inputsDigest: result.inputsDigest,
    totalScore: result.totalScore,
    producers: result.producers
      .filter((p) => producerKeys.has(p.producerKey) || (!filter.modelId && wanted(p.producerKey)))
      .map((p) => ({ ...p, name: context.catalog.profile(p.producerKey)?.name ?? null, parts: partsOf(result.models.filter((m) => m.producerKey === p.producerKey), p.payers) }))
      .sort((a, b) => b.score - a.score || (a.producerKey < b.producerKey ? -1 : 1)),
    models: models.map((m) => modelView(context, m)).sort((a, b) => b.score - a.score || (a.modelId < b.modelId ? -1 : 1)),
    tasks: result.tasks,
    ignored: result.ignored,
  };
}

export function leaderboardView(context: IncentiveContext, task: string, epoch?: number): CommandOutput<'rewards.leaderboard'> {
  if (!context.rewards.config()) throw new AppError('NOT_READY', 'This data folder belongs to no marketplace yet');
  const results = context.rewards.epochs();
  const result = epoch !== undefined ? results.find((r) => r.window.epoch === epoch) : ([...results].reverse().find((r) => r.inputs.state === 'final') ?? results.at(-1));
  if (!result) return { task, epoch: epoch ?? null, final: false, models: [], producers: [] };
  const qualified = new Map(result.producers.map((p) => [p.producerKey, p]));
  const counted = (m: ModelResult) => (qualified.get(m.producerKey)?.qualified ? m.score : 0);
  const models = result.models
    .filter((m) => context.catalog.listing(m.modelId)?.tasks.includes(task))
    .sort((a, b) => counted(b) - counted(a) || b.perf - a.perf || (a.modelId < b.modelId ? -1 : 1));
  const producerName = (key: string) => context.catalog.profile(key)?.name ?? null;
  const byProducer = new Map<string, { score: number; models: number }>();
  for (const m of models) {
    const p = byProducer.get(m.producerKey) ?? { score: 0, models: 0 };
    byProducer.set(m.producerKey, { score: p.score + counted(m), models: p.models + 1 });
  }
  return {
    task,
    epoch: result.window.epoch,
    final: result.inputs.state === 'final',
    models: models.map((m, i) => ({
      rank: i + 1,
      modelId: m.modelId,
      name: context.catalog.listing(m.modelId)?.name ?? null,
      producerKey: m.producerKey,
      producerName: producerName(m.producerKey),
      payers: m.payers,
      quality: m.quality,
      latency: m.latency.part,
      reliability: m.reliability.part,
      perf: m.perf,
      score: counted(m),
      qualified: qualified.get(m.producerKey)?.qualified ?? false,
    })),
    producers: [...byProducer]
      .map(([producerKey, p]) => ({ producerKey, name: producerName(producerKey), score: p.score, amount: result.amounts.get(producerKey) ?? 0, models: p.models }))
      .sort((a, b) => b.score - a.score || (a.producerKey < b.producerKey ? -1 : 1)),
  };
}
