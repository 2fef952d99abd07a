import type { EventName } from '../../../src-shared/contract';
import type { EpochSummary } from '../../../src-shared/rewards';
import { formatDateTime, formatDay } from '../format/time';

/**
 * open: records are still being timed in it; closed: past its close but inside the grace period
 * (records timed in it may still arrive); final: nothing can enter it any more, claims can be made.
 */
export type EpochStatus = 'open' | 'closed' | 'final';

/** An epoch's split changes when charges, reviews or feedback arrive, and its claims when claims do. */
export const REWARD_EVENTS: readonly EventName[] = ['rewards.changed', 'ledger.changed', 'reviews.changed'];

type Window = Pick<EpochSummary, 'epoch' | 'start' | 'close' | 'finalAt'>;

/** By the engine's clock (`now` of rewards.epochs), never this window's. */
export function epochStatus(e: Pick<EpochSummary, 'close' | 'finalAt'>, now: number): EpochStatus {
  if (now >= e.finalAt) return 'final';
  return now >= e.close ? 'closed' : 'open';
}

export const STATUS_HINT: Record<EpochStatus, string> = {
  open: 'open: calls made now still count in it',
  closed: 'closed: the grace period is running, records of it may still arrive; the split is provisional',
  final: 'final: nothing can enter it any more; every peer computes the same split and rewards can be claimed',
};

/** "#2967 · Nov 19 – Nov 26": the close is exclusive, so the last day shown is the one before it. */
export function epochLabel(e: Window): string {
  return `#${e.epoch} · ${formatDay(e.start)} – ${formatDay(e.close - 1)}`;
}

/** "2026-11-19 00:00 – 2026-11-26 00:00 UTC": epochs are cut in UTC, whatever zone the screen shows. */
export function epochUtcRange(e: Pick<EpochSummary, 'start' | 'close'>): string {
  return `UTC ${utcMinute(e.start)} – ${utcMinute(e.close)} (the close itself belongs to the next epoch)`;
}

function utcMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export function epochWindowText(e: Window): string {
  return `from ${formatDateTime(e.start)} to ${formatDateTime(e.close)} (final at ${formatDateTime(e.finalAt)})`;
}

/** What a leaderboard or the transparency page shows first: the newest final epoch, else the newest. */
export function newestFinal(epochs: readonly EpochSummary[]): number | null {
  return (epochs.find((e) => e.final) ?? epochs[0])?.epoch ?? null;
}

/** What the producer's Rewards tab shows first: an epoch to claim, else the newest final one. */
export function producerDefaultEpoch(epochs: readonly EpochSummary[]): number | null {
  return epochs.find((e) => e.mine.state === 'claimable')?.epoch ?? newestFinal(epochs);
}

/** A marketplace duration in seconds as people say it: 604800 → "7 days", 86400 → "1 day", 5400 → "90 min". */
export function formatDuration(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} ${seconds === 86_400 ? 'day' : 'days'}`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
