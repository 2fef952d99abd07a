/**
 * What a page's main thread did, for bench/sync-frames.ts: frame-to-frame gaps and long tasks seen
 * from inside the page, and each task's CPU time from a Chrome trace. A frame gap is wall time, so on
 * a loaded machine it also counts the time the renderer waited for a CPU; a task's thread time does
 * not, which tells the renderer's own work apart from the machine's load.
 */
import type { Browser, Page } from '@playwright/test';

/**
 * Runs in the page before its own scripts: every frame gap and long task as [page time, ms] pairs.
 * Kept as text: the bench runs through tsx, whose name-keeping helpers do not exist in the page.
 */
const RECORD_FRAMES = `(() => {
  const probe = { gaps: [], longTasks: [] };
  globalThis.framesProbe = probe;
  let last = performance.now();
  const tick = (now) => {
    probe.gaps.push(now, now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push(entry.startTime, entry.duration);
  }).observe({ type: 'longtask', buffered: true });
})();`;

/** A stretch of page time, [from, to) in ms. */
export interface Span {
  from: number;
  to: number;
}

export interface Frames {
  /** Frame gaps ending inside the span, ms. */
  gaps: number[];
  /** Long tasks (over 50 ms wall) starting inside the span, ms. */
  longTasks: number[];
  /** The five longest gaps: [page time the frame came, gap]. */
  worst: Array<[number, number]>;
}

export interface TaskCpu {
  /** The longest main-thread task's CPU time (thread time), ms. */
  longestMs: number;
  /** Main-thread CPU time over the span, as a share of one core (0..1). */
  share: number;
  /** CPU the main thread spent in the tasks overlapping [from, to) of page time, ms. */
  within(from: number, to: number): number;
}

export async function installFrameProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: RECORD_FRAMES });
}

/** Page time now, with a user-timing mark of that name in the trace (to line the two clocks up). */
export async function markNow(page: Page, name: string): Promise<number> {
  return (await page.evaluate(`performance.mark(${JSON.stringify(name)}).startTime`)) as number;
}

export async function framesIn(page: Page, span: Span): Promise<Frames> {
  const probe = (await page.evaluate('globalThis.framesProbe')) as { gaps: number[]; longTasks: number[] };
  const inside = (pairs: number[]) => {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i]! >= span.from && pairs[i]! < span.to) out.push([pairs[i]!, pairs[i + 1]!]);
    return out;
  };
  const gaps = inside(probe.gaps);
  return {
    gaps: gaps.map(([, gap]) => gap),
    longTasks: inside(probe.longTasks).map(([, ms]) => ms),
    worst: [...gaps].sort((a, b) => b[1] - a[1]).slice(0, 5),
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Chrome's trace categories needed: top-level tasks (with thread time) and the page's marks. */
export const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing'];

export async function startTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
}

/**
 * The page's main-thread tasks from the trace, in page time. The page's thread is the one holding
 * `anchor`, a mark made with markNow at page time `anchorAt`, which also lines up the clocks.
 */
export async function stopTrace(browser: Browser, anchor: string, anchorAt: number): Promise<(span: Span) => TaskCpu> {
  const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mark = events.find((e) => e.name === anchor);
  if (!mark) throw new Error(`the trace has no "${anchor}" mark: cannot find the page's main thread`);
  const toPage = (ts: number) => anchorAt + (ts - mark.ts) / 1000;
  // Nested task wrappers repeat their parent's span: only the outermost of each counts.
  const tasks: Array<{ from: number; to: number; cpu: number }> = [];
  const own = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.tdur !== undefined && /RunTask$/.test(e.name)).sort((a, b) => a.ts - b.ts);
  let end = Number.NEGATIVE_INFINITY;
  for (const e of own) {
    if (e.ts < end) continue;
    end = e.ts + (e.dur ?? 0);
    tasks.push({ from: toPage(e.ts), to: toPage(end), cpu: e.tdur! / 1000 });
  }
  const overlapping = (from: number, to: number) => tasks.filter((t) => t.to > from && t.from < to);
  return (span) => {
    const inSpan = tasks.filter((t) => t.from >= span.from && t.from < span.to);
    return {
      longestMs: inSpan.reduce((max, t) => Math.max(max, t.cpu), 0),
      share: inSpan.reduce((sum, t) => sum + t.cpu, 0) / (span.to - span.from),
      within: (from, to) => overlapping(from, to).reduce((sum, t) => sum + t.cpu, 0),
    };
  };
}
