import type { CatalogItem } from '../../../src-shared/catalog';
import { AppError } from '../../../src-shared/errors';
import { callCost, feeOf, REFERENCE_CALL, referenceCallCost, type Price } from '../../../src-shared/money';
import type { Projection } from '../../../src-shared/rewards';
import { requireItem } from '../catalog/publish';
import { computePosition } from '../pricing/position';
import { plan } from '../routing/planner';
import type { ProjectionContext } from './context';
import type { EpochResult } from './epoch-compute';

/** Enough replayed calls for a share to the per-mille, few enough to answer while a slider moves. */
const WORKLOAD_SAMPLES = 200;
const WORKLOAD_WINDOW_MS = 30 * 86_400_000;

type Sample = { inputTokens: number; outputTokens: number };

/** The task's recent calls (token sizes of the newest charges on models that list the task). */
function workloadOf(context: ProjectionContext, task: string, now: number): { samples: Sample[]; from: number | null; to: number | null } {
  const taskOf = new Map<string, boolean>();
  const listsTask = (modelId: string) => {
    if (!taskOf.has(modelId)) taskOf.set(modelId, context.catalog.listing(modelId)?.tasks.includes(task) ?? false);
    return taskOf.get(modelId)!;
  };
  const samples: Sample[] = [];
  let from: number | null = null;
  let to: number | null = null;
  for (const { entry } of context.ledger.query({ kind: 'charge', from: now - WORKLOAD_WINDOW_MS, limit: Number.MAX_SAFE_INTEGER }).items) {
    const memo = entry.body.memo;
    if (!memo || !listsTask(memo.modelId)) continue;
    samples.push({ inputTokens: memo.inputTokens, outputTokens: memo.outputTokens });
    to ??= entry.ts;
    from = entry.ts;
    if (samples.length === WORKLOAD_SAMPLES) break;
  }
  return { samples, from, to };
}

/** How many samples the routing context would send to `modelId` if it were priced at `price`. */
function routedWins(context: ProjectionContext, item: CatalogItem, price: Price | null, task: string, samples: Sample[]): number {
  const settings = context.routingSettings();
  const priced: CatalogItem = price ? { ...item, price, referenceCost: referenceCallCost(price) } : item;
  const items = context.catalogIndex.byTask(task).map((i) => (i.id === item.id ? priced : i));
  let wins = 0;
  for (const s of samples) {
    try {
      const result = plan({
        task,
        items,
        constraints: {},
        strategy: settings.strategy,
        weights: settings.weights,
        inputTokens: s.inputTokens,
        outputTokens: s.outputTokens,
        stats: (id) => context.observations.get(id),
        inCooldown: () => false,
        remainingBudget: null,
        balance: null,
        // No exploration: the projection is the planner's deliberate choice, the same every time.
        explorationBps: 0,
        random: () => 0.5,
        explain: false,
        keep: 1,
      });
      if (result.ranked[0]?.modelId === item.id) wins++;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NO_ROUTE')) throw error;
    }
  }
  return wins;
}

function basisOf(context: ProjectionContext): EpochResult | null {
  const now = context.clock();
  const results = context.rewards.epochs();
  return [...results].reverse().find((r) => now >= r.window.finalAt && r.charges > 0) ?? results.at(-1) ?? null;
}

/**
 * Pricing power (issue #7 item 4): where the model stands against its task's frontier now and at
 * a candidate price (pricing/position), and what the real planner would route to it at either
 * price over the task's recent workload, turned into projected revenue and reward with the
 * newest final epoch's figures.
 */
export function projectPrice(context: ProjectionContext, modelId: string, candidate: Price, taskInput?: string): Projection {
  const item = requireItem(context, modelId);
  const task = taskInput ?? item.tasks[0]!;
  const position = computePosition(item, context.catalogIndex.items(), task, candidate);
  const now = context.clock();
  const workload = workloadOf(context, task, now);
  const notes: string[] = [];
  const samples = workload.samples.length > 0 ? workload.samples : [REFERENCE_CALL];
  if (workload.samples.length === 0) notes.push('No recent calls of this task: the reference call (1,000 input + 500 output tokens) stands in for the workload.');
  const basis = basisOf(context);
  const taskModels = (basis?.models ?? []).filter((m) => context.catalog.listing(m.modelId)?.tasks.includes(task));
  const callsPerEpoch = taskModels.reduce((s, m) => s + m.calls, 0);
  const payersPerEpoch = new Set(taskModels.flatMap((m) => m.payerKeys)).size;
  const self = basis?.models.find((m) => m.modelId === modelId);
  const qualified = basis?.producers.find((p) => p.producerKey === item.producerKey)?.qualified ?? false;
  const counted = self && qualified ? self.score : 0;
  const perf = self?.perf ?? 0;
  if (!self) notes.push('The model had no paying users in the basis epoch: its performance there is unknown (0), so the projected reward is 0.');
  const feeBps = context.ledger.feeBps(now);
  const standing = (price: Price | null) => {
    const wins = price ? routedWins(context, item, price, task, samples) : 0;
    const sharePpm = Math.floor((wins * 1_000_000) / samples.length);
    // Revenue: the mean net cost (price − fee) of a call × the task's calls per epoch × the routed share.
    let net = 0n;
    for (const s of price ? samples : []) {
      const cost = callCost(price!, s.inputTokens, s.outputTokens);
      net += BigInt(cost - feeOf(cost, feeBps));
    }
    const revenuePerEpoch = Number((net * BigInt(wins) * BigInt(callsPerEpoch)) / BigInt(samples.length * samples.length));
    const score = Math.floor((payersPerEpoch * sharePpm) / 1_000_000) * perf;
    const total = (basis?.totalScore ?? 0) - counted + score;
    const projectedReward = basis && total > 0 ? Number((BigInt(basis.distributable) * BigInt(score)) / BigInt(total)) : 0;
    return { wins, sharePpm, revenuePerEpoch, projectedReward };
  };
  const atCurrent = standing(item.price);
  const atCandidate = standing(candidate);
  const c = position.candidate!;
  notes.push(
    `Routed share: the ${samples.length} newest calls of the task replayed through the routing planner (strategy and weights of your routing settings, no exploration), once at each price.`,
    'Projected reward: the basis epoch with the model at (task payers × routed share) payers at its measured performance; the activity threshold and other producers are held as they were.',
  );
  return {
    modelId,
    task,
    accuracyBps: position.accuracyBps,
    competitors: position.competitors,
    maxFrontierCost: position.maxFrontierCost,
    current: { price: item.price, referenceCost: item.referenceCost, valueScore: position.valueScore, valueRank: position.valueRank, dominated: position.dominated, chosen: atCurrent.wins, sharePpm: atCurrent.sharePpm, revenuePerEpoch: atCurrent.revenuePerEpoch, projectedReward: atCurrent.projectedReward },
    candidate: { price: candidate, referenceCost: c.referenceCost, valueScore: c.valueScore, valueRank: c.valueRank, dominated: c.dominated, chosen: atCandidate.wins, sharePpm: atCandidate.sharePpm, revenuePerEpoch: atCandidate.revenuePerEpoch, projectedReward: atCandidate.projectedReward },
    workload: { samples: samples.length, from: workload.from, to: workload.to, callsPerEpoch, payersPerEpoch },
    basis: { epoch: basis?.window.epoch ?? null, perf, totalScore: basis?.totalScore ?? 0, distributable: basis?.distributable ?? 0, amount: basis?.amounts.get(item.producerKey) ?? 0 },
    notes,
  };
}
