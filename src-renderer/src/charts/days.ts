/**
 * Calendar days in the viewer's time zone. Days are built with the Date constructor rather than by
 * adding 24 h, because a day with a daylight-saving switch lasts 23 or 25 hours.
 */

/** Local midnight of the day that contains `ts`. */
export function startOfLocalDay(ts: number): number {
  const d = new Date(ts);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The starts of the last `count` local days, oldest first; the last one is today. */
export function lastDays(now: number, count: number): number[] {
  const today = new Date(startOfLocalDay(now));
  return Array.from({ length: count }, (_, i) => new Date(today.getFullYear(), today.getMonth(), today.getDate() - (count - 1 - i)).getTime());
}

/** Maps a timestamp to its day's position in `days` (from lastDays), or -1 outside them. */
export function dayIndexer(days: readonly number[]): (ts: number) => number {
  const index = new Map(days.map((day, i) => [day, i]));
  return (ts) => index.get(startOfLocalDay(ts)) ?? -1;
}
