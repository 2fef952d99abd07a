import type { EpochComputation, ModelScore, RewardParams } from '../../../src-shared/rewards';
import { formatCount, formatMs, formatPlural } from '../format/numbers';

export type PartName = 'popularity' | 'quality' | 'latency' | 'reliability';

export interface PartWhy {
  part: PartName;
  label: string;
  /** Per-mille (0–1000), or distinct paying users for popularity. */
  value: number;
  why: string;
}

type Producer = EpochComputation['producers'][number];

const PART_LABEL: Record<PartName, string> = { popularity: 'Popularity', quality: 'Quality', latency: 'Latency', reliability: 'Reliability' };

function popularity(m: ModelScore): string {
  if (m.payers === 0) return 'Nobody but its producer paid for it in this epoch, and a producer’s own calls never count: no paying users.';
  return `${formatPlural(m.payers, 'distinct paying user')} (${formatPlural(m.calls, 'paid call')}): each user counts once however often it called, and its producer’s own calls are left out.`;
}

function quality(m: ModelScore, p: RewardParams): string {
  if (m.payers === 0) return `No paying user could rate it: quality is the neutral prior ${p.priorVote}.`;
  if (m.voters === 0) return `None of its paying users left a verified review, feedback on a paid call or a paid evaluation: quality is the neutral prior ${p.priorVote} (${p.priorVote / 250 + 1} stars).`;
  return `${formatCount(m.voters)} of ${formatCount(m.payers)} paying users voted. The consensus is ${m.consensus}: the highest vote backed by more than half of the weight. Votes above it count as ${m.consensus}, and the neutral prior ${p.priorVote} weighs like ${p.priorWeight} calls.`;
}

function latency(m: ModelScore): string {
  const { medianMs, taskMedianMs, task } = m.latency;
  if (medianMs === null || taskMedianMs === null || task === null) return 'No counted successful call was observed: latency scores 0.';
  const pace = medianMs < taskMedianMs ? 'faster than' : medianMs > taskMedianMs ? 'slower than' : 'as fast as';
  return `Median ${formatMs(medianMs)}, ${pace} the ${task} median of ${formatMs(taskMedianMs)} (500 = as fast as the task’s median, towards 1000 faster, towards 0 slower).`;
}

function reliability(m: ModelScore): string {
  const { ok, counted } = m.reliability;
  if (counted === 0) return 'No observation by a paying user was counted: reliability scores 0.';
  return `${formatCount(ok)} of ${formatPlural(counted, 'counted call')} succeeded. Observations count only from paying users, successes at most one per paid call, and each observer at most the median count of the others.`;
}

/** Each score part of a model with what it came from, in plain words. */
export function modelParts(m: ModelScore, p: RewardParams): PartWhy[] {
  return [
    { part: 'popularity', label: PART_LABEL.popularity, value: m.payers, why: popularity(m) },
    { part: 'quality', label: PART_LABEL.quality, value: m.quality, why: quality(m, p) },
    { part: 'latency', label: PART_LABEL.latency, value: m.latency.part, why: latency(m) },
    { part: 'reliability', label: PART_LABEL.reliability, value: m.reliability.part, why: reliability(m) },
  ];
}

export interface ThresholdCheck {
  label: string;
  have: number;
  need: number;
  met: boolean;
}

/** The activity threshold a producer must meet for its models' scores to count at all. */
export function thresholdChecks(producer: Pick<Producer, 'payers' | 'okObservations'>, p: RewardParams): ThresholdCheck[] {
  return [
    { label: 'distinct paying users', have: producer.payers, need: p.minPayers, met: producer.payers >= p.minPayers },
    { label: 'counted successful calls', have: producer.okObservations, need: p.minOkObservations, met: producer.okObservations >= p.minOkObservations },
  ];
}

/** What the computation left out of every score in the epoch, as sentences (only the non-zero ones). */
export function ignoredLines(ignored: EpochComputation['ignored']): string[] {
  const lines: string[] = [];
  if (ignored.ownCalls > 0) lines.push(`${formatPlural(ignored.ownCalls, 'call')} a producer made to its own models: excluded (wash trading earns no popularity).`);
  if (ignored.ownSignals > 0) lines.push(`${formatPlural(ignored.ownSignals, 'signal')} (feedback, evaluations, observations) by producers on their own models: excluded.`);
  if (ignored.unpaidSignals > 0) lines.push(`${formatPlural(ignored.unpaidSignals, 'signal')} by identities that did not pay for the model in the epoch: excluded.`);
  if (ignored.lateRecords > 0) lines.push(`${formatPlural(ignored.lateRecords, 'record')} timed in the epoch but received after its grace period: excluded.`);
  if (ignored.uncertifiedObservations > 0) lines.push(`${formatPlural(ignored.uncertifiedObservations, 'observation')} signed by a device not certified for its identity: excluded.`);
  return lines;
}
