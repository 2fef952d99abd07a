import type { RewardParams } from '../../../src-shared/rewards';
import type { EpochData, Verifier } from './epoch-data';
import type { ObservationRow } from './reward-inputs';
import { clipToOthers, consensus, lowerMedian } from './yuma';

export interface RaterResult {
  identity: string;
  calls: number;
  weight: number;
  vote: number | null;
  clippedVote: number | null;
  reviewStars: number | null;
  feedbackUp: number;
  feedbackDown: number;
  evalBps: number | null;
  observations: number;
  observationsCounted: number;
}

export interface ModelResult {
  modelId: string;
  producerKey: string;
  payers: number;
  calls: number;
  voters: number;
  consensus: number;
  quality: number;
  latency: { part: number; task: string | null; medianMs: number | null; taskMedianMs: number | null };
  reliability: { part: number; ok: number; counted: number };
  perf: number;
  /** payers × perf (before the producer's activity threshold). */
  score: number;
  why: string[];
  raters: RaterResult[];
  payerKeys: string[];
  /** Counted successful latencies by task (for the task medians). */
  okLatencies: Map<string, number[]>;
}

export interface Ignored {
  ownCalls: number;
  ownSignals: number;
  unpaidSignals: number;
}

interface Signals {
  up: number;
  down: number;
  evals: number[];
  observations: ObservationRow[];
}

/** Per model, per paying identity: what it signalled. Everything else is counted as ignored. */
function gather(data: EpochData, verify: Verifier, payers: Map<string, Map<string, number>>, producerOf: (m: string) => string, ignored: Ignored, considered: string[]) {
  const signals = new Map<string, Map<string, Signals>>();
  const producers = new Map<string, string>();
  const slot = (modelId: string, identity: string): Signals | null => {
    let producer = producers.get(modelId);
    if (producer === undefined) producers.set(modelId, (producer = producerOf(modelId)));
    if (identity === producer) {
      ignored.ownSignals++;
      return null;
    }
    if (!payers.get(modelId)?.has(identity)) {
      ignored.unpaidSignals++;
      return null;
    }
    let byRater = signals.get(modelId);
    if (!byRater) signals.set(modelId, (byRater = new Map()));
    let s = byRater.get(identity);
    if (!s) byRater.set(identity, (s = { up: 0, down: 0, evals: [], observations: [] }));
    return s;
  };
  const w = data.window;
  for (const f of data.feedback) {
    const s = slot(f.modelId, f.author);
    if (!s) continue;
    // Feedback counts only on a call the author paid for: its decision id is on the author's charge.
    if (!verify.chargeForDecision(f.author, f.modelId, f.decisionId, w)) {
      ignored.unpaidSignals++;
      continue;
    }
    considered.push(f.hash);
    if (f.up) s.up++;
    else s.down++;
  }
  for (const e of data.evals) {
    const s = slot(e.modelId, e.evaluator);
    if (!s) continue;
    const paid = e.chargeHashes.some((h) => {
      const c = verify.charge(h, w);
      return c !== null && c.identity === e.evaluator && c.modelId === e.modelId;
    });
    if (!paid) {
      ignored.unpaidSignals++;
      continue;
    }
    considered.push(e.hash);
    s.evals.push(e.accuracyBps);
  }
  for (const o of data.observations) {
    const s = slot(o.modelId, o.identity);
    if (!s) continue;
    considered.push(o.hash);
    s.observations.push(o);
  }
  return signals;
}

const byTsHash = (a: ObservationRow, b: ObservationRow) => a.ts - b.ts || (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0);

/** The mean of a rater's signals (each kind once, whatever its volume), per-mille; null without any. */
function voteOf(reviewStars: number | null, s: Signals | undefined): { vote: number | null; evalBps: number | null } {
  const parts: number[] = [];
  if (reviewStars !== null) parts.push((reviewStars - 1) * 250);
  if (s && s.up + s.down > 0) parts.push(Math.floor((1000 * s.up) / (s.up + s.down)));
  const evalBps = s && s.evals.length > 0 ? Math.floor(s.evals.reduce((a, b) => a + b, 0) / s.evals.length) : null;
  if (evalBps !== null) parts.push(Math.floor(evalBps / 10));
  return { vote: parts.length === 0 ? null : Math.floor(parts.reduce((a, b) => a + b, 0) / parts.length), evalBps };
}

function scoreOne(modelId: string, producerKey: string, callsBy: Map<string, number>, byRater: Map<string, Signals> | undefined, data: EpochData, verify: Verifier, p: RewardParams, considered: string[]): ModelResult {
  const identities = [...callsBy.keys()].sort();
  const calls = identities.map((id) => callsBy.get(id)!);
  const weights = clipToOthers(calls);
  const raters: RaterResult[] = identities.map((identity, i) => {
    const review = verifiedReview(modelId, identity, data, verify);
    if (review) considered.push(review.hash);
    const s = byRater?.get(identity);
    const { vote, evalBps } = voteOf(review?.rating ?? null, s);
    return { identity, calls: calls[i]!, weight: weights[i]!, vote, clippedVote: null, reviewStars: review?.rating ?? null, feedbackUp: s?.up ?? 0, feedbackDown: s?.down ?? 0, evalBps, observations: s?.observations.length ?? 0, observationsCounted: 0 };
  });
  const voters = raters.filter((r) => r.vote !== null);
  const c = consensus([{ vote: p.priorVote, weight: p.priorWeight }, ...voters.map((r) => ({ vote: r.vote!, weight: r.weight }))])!;
  let num = p.priorWeight * Math.min(p.priorVote, c);
  let den = p.priorWeight;
  for (const r of voters) {
    r.clippedVote = Math.min(r.vote!, c);
    num += r.weight * r.clippedVote;
    den += r.weight;
  }
  // Observations: a payer's successes count at most its paid calls (a successful call is always
  // charged), then its count is capped at the median of the other observers' (oldest first).
  const observers = raters.filter((r) => r.observations > 0);
  const usable = observers.map((r) => {
    let oks = 0;
    return byRater!
      .get(r.identity)!
      .observations.sort(byTsHash)
      .filter((o) => !o.ok || ++oks <= r.calls);
  });
  const caps = clipToOthers(usable.map((list) => list.length));
  const okLatencies = new Map<string, number[]>();
  let ok = 0;
  let counted = 0;
  observers.forEach((r, i) => {
    r.observationsCounted = caps[i]!;
    for (const o of usable[i]!.slice(0, caps[i]!)) {
      counted++;
      if (!o.ok) continue;
      ok++;
      const list = okLatencies.get(o.task) ?? [];
      list.push(o.latencyMs);
      okLatencies.set(o.task, list);
    }
  });
  const why: string[] = [];
  if (identities.length === 0) why.push('no paying users: only its producer paid for it, and its own calls never count');
  const clippedCalls = raters.filter((r) => r.weight < r.calls).length;
  if (clippedCalls > 0) why.push(`${clippedCalls} payer(s) weigh only the median paid calls of the other payers`);
  const clippedVotes = voters.filter((r) => r.clippedVote! < r.vote!).length;
  if (clippedVotes > 0) why.push(`${clippedVotes} vote(s) clipped at the consensus ${c}`);
  if (voters.length === 0 && identities.length > 0) why.push(`no verified votes: quality is the prior ${p.priorVote}`);
  const capped = observers.filter((r) => r.observationsCounted < r.observations).length;
  if (capped > 0) why.push(`${capped} observer(s) counted only up to their paid calls (successes) or the median observation count of the others`);
  return {
    modelId,
    producerKey,
    payers: identities.length,
    calls: calls.reduce((a, b) => a + b, 0),
    voters: voters.length,
    consensus: c,
    quality: Math.floor(num / den),
    latency: { part: 0, task: null, medianMs: null, taskMedianMs: null },
    reliability: { part: counted === 0 ? 0 : Math.floor((1000 * ok) / counted), ok, counted },
    perf: 0,
    score: 0,
    why,
    raters,
    payerKeys: identities,
    okLatencies,
  };
}

function verifiedReview(modelId: string, identity: string, data: EpochData, verify: Verifier) {
  const review = verify.review(modelId, identity, data.window);
  if (!review?.chargeHash) return null;
  const charge = verify.charge(review.chargeHash, data.window);
  return charge && charge.identity === identity && charge.modelId === modelId ? review : null;
}

/**
 * Every model charged in the epoch with its score parts. The producer's own calls and signals,
 * and signals from identities that did not pay for the model in the epoch, are left out.
 */
export function scoreModels(data: EpochData, verify: Verifier, p: RewardParams, producerOf: (modelId: string) => string, considered: string[]) {
  const ignored: Ignored = { ownCalls: 0, ownSignals: 0, unpaidSignals: 0 };
  const payers = new Map<string, Map<string, number>>();
  for (const charge of data.charges) {
    considered.push(charge.hash);
    const byIdentity = payers.get(charge.modelId) ?? new Map<string, number>();
    payers.set(charge.modelId, byIdentity);
    if (charge.identity === charge.producerKey) ignored.ownCalls++;
    else byIdentity.set(charge.identity, (byIdentity.get(charge.identity) ?? 0) + 1);
  }
  const signals = gather(data, verify, payers, producerOf, ignored, considered);
  const models = [...payers.keys()].sort().map((id) => scoreOne(id, producerOf(id), payers.get(id)!, signals.get(id), data, verify, p, considered));
  const byTask = new Map<string, number[]>();
  for (const m of models) {
    for (const [task, list] of m.okLatencies) {
      const all = byTask.get(task);
      if (all) for (const v of list) all.push(v);
      else byTask.set(task, [...list]);
    }
  }
  const tasks = [...byTask.keys()].sort().map((task) => ({ task, medianLatencyMs: lowerMedian(byTask.get(task)!)!, observations: byTask.get(task)!.length }));
  const taskMedian = new Map(tasks.map((t) => [t.task, t.medianLatencyMs]));
  const w = p.weights;
  for (const m of models) {
    // Latency against the median of the task the model was observed in most (ties: first by name).
    const main = [...m.okLatencies].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))[0];
    if (main) {
      const medianMs = lowerMedian(main[1])!;
      const t = taskMedian.get(main[0])!;
      m.latency = { part: t + medianMs === 0 ? 500 : Math.floor((1000 * t) / (t + medianMs)), task: main[0], medianMs, taskMedianMs: t };
    }
    m.perf = Math.floor((w.quality * m.quality + w.latency * m.latency.part + w.reliability * m.reliability.part) / (w.quality + w.latency + w.reliability));
    m.score = m.payers * m.perf;
  }
  return { models, tasks, ignored };
}
