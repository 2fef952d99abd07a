import { producerOf } from '../../../src-shared/domain';
import type { Parties } from '../identity/party-links';
import { MAX_CLOCK_SKEW_MS } from '../records/set-aside';
import type { AppliedEntry } from '../ledger/ledger-index';
import type { StoredReport } from '../reviews/review-state';

/**
 * Where a metric report stands. counted: it moves the model's measured accuracy. claimed: the
 * producer (or a device of its party) ran it. pending: some of its charges have not arrived yet.
 * unpaid: its charges are missing, not the reporter's, for another model, or back another report.
 * held: dated past the allowed clock skew, it counts once local time reaches its date.
 */
export type ReportStatus = 'counted' | 'claimed' | 'pending' | 'unpaid' | 'held';

export interface ReportStanding {
  report: StoredReport;
  status: ReportStatus;
  /** Why it does not count (null when counted). */
  reason: string | null;
  /** What the reporter paid for the run, in micro-credits, plus one per charge (a free model's runs still weigh). */
  weight: bigint;
}

export interface StandingSources {
  parties: Parties;
  entry(hash: string): AppliedEntry | undefined;
}

type Backing = { ok: true; missing: number; weight: bigint } | { ok: false; reason: string };

/** Its charges: each an applied charge paid by the reporter for this model, one per case, none backing another report. */
function backingOf(report: StoredReport, src: StandingSources, taken: Set<string>): Backing {
  const { body } = report;
  if (body.chargeHashes.length < body.cases) return { ok: false, reason: `${body.chargeHashes.length} charges for ${body.cases} cases (one per case)` };
  let missing = 0;
  let weight = 0n;
  for (const hash of body.chargeHashes) {
    const entry = src.entry(hash);
    if (entry) {
      if (entry.kind !== 'charge' || !entry.body.memo) return { ok: false, reason: `${hash.slice(0, 12)}… is not a charge` };
      if (entry.body.identity !== report.evaluator) return { ok: false, reason: `charge ${hash.slice(0, 12)}… was paid by someone else` };
      if (entry.body.memo.modelId !== body.modelId) return { ok: false, reason: `charge ${hash.slice(0, 12)}… is for another model` };
    }
    if (taken.has(hash)) return { ok: false, reason: `charge ${hash.slice(0, 12)}… already backs another report` };
    if (entry) weight += BigInt(entry.body.memo!.cost) + 1n;
    else missing++;
  }
  return { ok: true, missing, weight };
}

/**
 * Every current report of a model with its standing, computed from signed records only (reports,
 * charges, device links) and local time: peers holding the same records agree. Charges are
 * allotted to reports in (date, hash) order, so a charge backs at most one report.
 */
export function reportStandings(modelId: string, reports: readonly StoredReport[], src: StandingSources, now: number): ReportStanding[] {
  const producer = producerOf(modelId);
  const taken = new Set<string>();
  const ordered = [...reports].sort((a, b) => a.ts - b.ts || (a.hash < b.hash ? -1 : 1));
  const out = new Map<string, ReportStanding>();
  for (const report of ordered) {
    const standing = (status: ReportStatus, reason: string | null, weight = 0n) => out.set(report.hash, { report, status, reason, weight });
    if (src.parties.sameParty(report.evaluator, producer)) {
      standing('claimed', "run by the model's producer");
      continue;
    }
    // The record book holds records dated ahead until their time; this covers a clock set back since.
    if (report.ts > now + MAX_CLOCK_SKEW_MS) {
      standing('held', `dated ${new Date(report.ts).toISOString()}, after this peer's clock; counts from then`);
      continue;
    }
    const backing = backingOf(report, src, taken);
    if (!backing.ok) {
      standing('unpaid', backing.reason);
      continue;
    }
    for (const hash of report.body.chargeHashes) taken.add(hash);
    if (backing.missing > 0) standing('pending', `${backing.missing} of its ${report.body.chargeHashes.length} charges not received yet`);
    else standing('counted', null, backing.weight);
  }
  return reports.map((r) => out.get(r.hash)!);
}

/**
 * The payment-weighted median of the counted reports' accuracies: a reporter moves the figure only
 * as far as what it paid outweighs the others, never by reporting last. An exact half between two
 * values gives their midpoint (rounded down).
 */
export function weightedMedianBps(items: ReadonlyArray<{ bps: number; weight: bigint; hash: string }>): number | null {
  if (items.length === 0) return null;
  const sorted = [...items].sort((a, b) => a.bps - b.bps || (a.hash < b.hash ? -1 : 1));
  const total = sorted.reduce((s, i) => s + i.weight, 0n);
  let below = 0n;
  for (let i = 0; i < sorted.length; i++) {
    below += sorted[i]!.weight;
    if (below * 2n < total) continue;
    const next = sorted[i + 1];
    return below * 2n === total && next ? Math.floor((sorted[i]!.bps + next.bps) / 2) : sorted[i]!.bps;
  }
  return sorted[sorted.length - 1]!.bps;
}

/** Accuracy per task measured by paying non-producers (the weighted median of counted reports). */
export function measuredAccuracy(standings: readonly ReportStanding[]): Record<string, number> {
  const byTask = new Map<string, Array<{ bps: number; weight: bigint; hash: string }>>();
  for (const s of standings) {
    if (s.status !== 'counted') continue;
    const list = byTask.get(s.report.body.task) ?? [];
    list.push({ bps: s.report.body.accuracyBps, weight: s.weight, hash: s.report.hash });
    byTask.set(s.report.body.task, list);
  }
  return Object.fromEntries([...byTask].map(([task, items]) => [task, weightedMedianBps(items)!]));
}
