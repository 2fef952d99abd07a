import type { CommandOutput } from '../../src-shared/contract';
import type { Candidate, CallResult, Plan, RoutingSettings } from '../../src-shared/routing';
import { IDENTITY_KEY, PRODUCER_KEY, fakeKey } from './fixtures';

type Entries = CommandOutput<'ledger.entries'>;
export type EntryItem = Entries['items'][number];
type Proof = CommandOutput<'ledger.proof'>;

export const hashOf = (n: number) => n.toString(16).padStart(64, '0');
export const ME_USER = `user:${IDENTITY_KEY}`;
export const MODEL_ID = `${PRODUCER_KEY}:helpdesk-7b`;

/** A charge of the local user for a call to MODEL_ID, as ledger.entries answers it for user:<me>. */
export function userCharge(n: number, ts: number, cost: number, runningBalance: number | null = null): EntryItem {
  const fee = Math.floor((cost * 500) / 10_000);
  return {
    hash: hashOf(n),
    chain: fakeKey('deviceLocal'),
    seq: n,
    ts,
    id: `call-d${n}`,
    kind: 'charge',
    prev: hashOf(n - 1),
    postings: [
      { account: ME_USER, amount: -cost },
      { account: `producer:${PRODUCER_KEY}`, amount: cost - fee },
      { account: 'pool:rewards', amount: fee },
    ],
    identity: IDENTITY_KEY,
    memo: { modelId: MODEL_ID, decisionId: `d${n}`, inputTokens: 120, outputTokens: 40, usageEstimated: false, latencyMs: 230, cost, fee },
    amount: -cost,
    runningBalance,
  };
}

export function entriesPage(items: EntryItem[], total = items.length): Entries {
  let credits = 0;
  let debits = 0;
  for (const item of items) {
    const amount = item.amount ?? item.postings.reduce((sum, p) => sum + Math.max(0, p.amount), 0);
    if (amount >= 0) credits += amount;
    else debits -= amount;
  }
  return { total, items, totals: { credits, debits, net: credits - debits } };
}

export function makeProof(entry: EntryItem, verified = true): Proof {
  const { amount: _amount, runningBalance: _running, ...view } = entry;
  return {
    entry: view,
    index: entry.seq - 1,
    size: entry.seq + 2,
    root: hashOf(9_001),
    proof: [hashOf(9_002), hashOf(9_003)],
    checkpoint: { hash: hashOf(9_004), chain: entry.chain, seq: 3, ts: entry.ts + 1_000, size: entry.seq + 2, root: hashOf(9_001) },
    verified,
  };
}

export function makeCandidate(n: number, overrides: Partial<Candidate> = {}): Candidate {
  return {
    modelId: `${PRODUCER_KEY}:model-${n}`,
    name: `Candidate ${n}`,
    producerName: 'Acme AI',
    estimatedCost: 1_000 * n,
    qualityBps: 9_000 - n * 100,
    latencyP95Ms: 800 + n * 100,
    successRateBps: 9_900,
    parts: { quality: 1_000 - n * 50, price: 1_000 - n * 100, latency: 900, reliability: 990 },
    score: 950 - n * 20,
    explored: false,
    sources: { quality: 'claimed', latency: 'measured', reliability: 'measured' },
    output: { outputTokens: 512, source: 'default', calls: 0 },
    ...overrides,
  };
}

export function makePlan(decisionId: string, overrides: Partial<Plan> = {}): Plan {
  const candidates = [makeCandidate(1), makeCandidate(2), makeCandidate(3)];
  return {
    decisionId,
    task: 'chat',
    strategy: 'best-value',
    weights: { quality: 40, price: 40, latency: 10, reliability: 10 },
    estimate: { inputTokens: 12, outputTokens: 512, source: 'default', calls: 0 },
    chosen: candidates[0]!,
    candidates,
    considered: 7,
    excluded: { maxCostPerCall: 2, measuredOnly: 2 },
    decidedInMs: 0.4,
    ...overrides,
  };
}

export function makeCallResult(decisionId: string, content: string, overrides: Partial<CallResult> = {}): CallResult {
  const plan = makePlan(decisionId);
  return {
    decisionId,
    plan,
    modelId: plan.chosen.modelId,
    modelName: plan.chosen.name,
    content,
    usage: { inputTokens: 12, outputTokens: 9, estimated: false },
    latencyMs: 140,
    cost: 1_234,
    chargeHash: hashOf(777),
    attempts: [{ modelId: plan.chosen.modelId, try: 1, outcome: 'ok', status: 200, message: null, latencyMs: 140 }],
    simulated: true,
    ...overrides,
  };
}

export const DEFAULT_ROUTING: RoutingSettings = {
  strategy: 'best-value',
  weights: { quality: 40, price: 40, latency: 10, reliability: 10 },
  budgets: { dailyMicro: null, monthlyMicro: null },
  timeoutMs: 30_000,
  retries: 1,
  maxFallbacks: 3,
  explorationBps: 1_000,
};
