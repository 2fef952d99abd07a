import type { Parsed } from './parse-input';

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

/** "Nov 25, 2026, 1:42 PM" in the viewer's time zone. */
export function formatDateTime(ms: number): string {
  return dateTime.format(ms);
}

/** "Nov 25": short enough for a chart axis. */
export function formatDay(ms: number): string {
  return dateOnly.format(ms);
}

/**
 * A `<input type="datetime-local">` value ("2026-11-25T13:42") is wall-clock time without a zone;
 * the person typing it means their own zone, which is how Date reads that form.
 */
export function parseLocalDateTime(text: string): Parsed {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)) return { ok: false, message: 'Pick a date and time.' };
  const ms = new Date(text).getTime();
  if (Number.isNaN(ms)) return { ok: false, message: 'Pick a valid date and time.' };
  return { ok: true, value: ms };
}
