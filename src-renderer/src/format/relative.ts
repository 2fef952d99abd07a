import { formatCount } from './numbers';
import { formatDateTime } from './time';

/** "just now", "12 s ago", "3 min ago", "5 h ago", then the date: how long since something happened. */
export function formatAgo(ts: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - ts) / 1_000));
  if (seconds < 2) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${formatCount(hours)} h ago`;
  return formatDateTime(ts);
}

/** "in 4 s", "in 2 min": when something is planned. */
export function formatIn(ts: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((ts - now) / 1_000));
  if (seconds < 60) return `in ${seconds} s`;
  return `in ${formatCount(Math.ceil(seconds / 60))} min`;
}
