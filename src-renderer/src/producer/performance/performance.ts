import type { CatalogItem, MetricSource } from '../../../../src-shared/catalog';
import type { CommandOutput } from '../../../../src-shared/contract';
import type { ReviewSummary } from '../../../../src-shared/reviews';
import { formatBpsPercent, formatMs } from '../../format/numbers';
import { formatStars } from '../../format/rating';

export type Report = CommandOutput<'evals.reports'>[number];

/** What the engine knows about one model, as read for the Performance tab. */
export interface ModelInputs {
  item: CatalogItem;
  overall: ReviewSummary;
  byTask: Readonly<Record<string, ReviewSummary>>;
  reports: readonly Report[];
}

export interface Figure {
  value: number;
  source: MetricSource;
}

export interface TaskRow {
  task: string;
  accuracy: Figure | null;
  /** The newest report for the task, a measured one before a claimed one. */
  evaluation: Report | null;
  evaluations: number;
  summary: ReviewSummary | null;
  hints: string[];
}

export interface ModelRow {
  id: string;
  name: string;
  retired: boolean;
  latencyP50: Figure;
  latencyP95: Figure;
  success: Figure;
  overall: ReviewSummary;
  tasks: TaskRow[];
  hints: string[];
}

const RATING_DROP_X100 = 30;
const LOW_SUCCESS_BPS = 9_500;
const ACCURACY_GAP_BPS = 500;
const MIN_VOTES = 3;

function latestEvaluation(reports: readonly Report[]): Report | null {
  const newest = (source: Report['source']) => reports.filter((r) => r.source === source).sort((a, b) => b.ts - a.ts)[0];
  return newest('measured') ?? newest('claimed') ?? null;
}

/** What to improve for one task, each hint from a figure on the same row. */
function taskHints(task: string, accuracy: Figure | null, evaluation: Report | null, summary: ReviewSummary | null): string[] {
  const hints: string[] = [];
  if (!evaluation || evaluation.source === 'claimed') hints.push(`No measured evaluation of ${task} yet: users see your claimed accuracy until someone else runs one.`);
  const claimed = accuracy?.source === 'claimed' ? accuracy.value : null;
  if (evaluation?.source === 'measured' && claimed !== null && claimed - evaluation.accuracyBps >= ACCURACY_GAP_BPS) {
    hints.push(`Measured accuracy ${formatBpsPercent(evaluation.accuracyBps)} is below your claimed ${formatBpsPercent(claimed)}.`);
  }
  if (summary) {
    const { up, down } = summary.feedback;
    if (up + down >= MIN_VOTES && down > up) hints.push(`More thumbs down (${down}) than up (${up}) on routed ${task} calls.`);
    const { last30X100: last, previous30X100: previous } = summary.trend;
    if (last !== null && previous !== null && previous - last >= RATING_DROP_X100) hints.push(`Rating fell from ${formatStars(previous)} to ${formatStars(last)} over the last 30 days.`);
  }
  return hints;
}

/** Model-wide hints: reliability and speed, as measured from users' signed observations. */
function modelHints(item: CatalogItem, overall: ReviewSummary): string[] {
  const m = item.metrics;
  const hints: string[] = [];
  if (m.successRateBps.source === 'measured' && m.successRateBps.value < LOW_SUCCESS_BPS) {
    hints.push(`Success rate ${formatBpsPercent(m.successRateBps.value)}: failed calls fall back to other models and cost you routed share.`);
  }
  if (m.latencyP95Ms.source === 'claimed') hints.push('Latency is only claimed: it becomes measured as users call the model.');
  else if (m.latencyP50Ms.source === 'measured' && m.latencyP95Ms.value > 3 * m.latencyP50Ms.value) {
    hints.push(`p95 latency (${formatMs(m.latencyP95Ms.value)}) is over three times p50: slow outliers, check timeouts and load.`);
  }
  if (overall.held > 0) hints.push(`${overall.held} review(s) held out of the average for 72 h (a burst from new identities).`);
  return hints;
}

/** The Performance tab's rows: per model, then per task, with the figures and their sources. */
export function performanceRow({ item, overall, byTask, reports }: ModelInputs): ModelRow {
  const m = item.metrics;
  return {
    id: item.id,
    name: item.name,
    retired: item.retired,
    latencyP50: m.latencyP50Ms,
    latencyP95: m.latencyP95Ms,
    success: m.successRateBps,
    overall,
    hints: modelHints(item, overall),
    tasks: item.tasks.map((task) => {
      const forTask = reports.filter((r) => r.task === task);
      const accuracy = m.accuracyBps[task] ?? null;
      const evaluation = latestEvaluation(forTask);
      const summary = byTask[task] ?? null;
      return { task, accuracy, evaluation, evaluations: forTask.length, summary, hints: taskHints(task, accuracy, evaluation, summary) };
    }),
  };
}
