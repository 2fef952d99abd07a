/**
 * Renderer responsiveness during a first sync (issue #8, item 5: no window freezes; longest frame
 * ≤ 100 ms). A fresh `infiniroute serve` with an empty data folder joins a served peer holding a
 * 10k-model catalog (100 producers × 100 models) through the onboarding form, in Debian's Chromium
 * (browser mode). From the click on "Join" until the fresh engine holds all 10k models, the sync is
 * over and the window shows it, the page records every frame gap and long task, and a Chrome trace
 * every main-thread task's CPU time. Once with the Network screen opened as soon as the join returns
 * (its progress bar must reach "Up to date"), once with the catalog (it must count every model).
 * Baseline: the same page idle on the onboarding screen before the sync, over a window as long.
 * Needs the renderer built (`npm run build`); CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CliProcesses } from '../test/host/serve-process';
import { freePort } from '../test/sync/processes';
import { framesIn, installFrameProbe, markNow, startTrace, stopTrace, type Frames, type Span, type TaskCpu } from './frame-probe';
import { percentile, report } from './harness';

const MODELS = 10_000;
const SYNC_TIMEOUT_MS = 300_000;
/** Longer than the first syncs seen on the loaded 2-core machine; the baseline is cut to the sync's length. */
const IDLE_MS = Number(process.env.SYNC_FRAMES_IDLE_MS ?? 30_000);
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type Screen = 'network' | 'catalog';

interface Host {
  userUrl: string;
  call<T>(name: string, input?: unknown): Promise<T>;
}

/** A real `infiniroute serve` on `dataDir`, peer sync on loopback only, no LAN discovery; ready once its sync listens. */
async function serveHost(processes: CliProcesses, dataDir: string): Promise<Host> {
  const token = `bench-${randomBytes(16).toString('hex')}`;
  const served = await processes.serve(['--data', dataDir, '--port', '0', '--token', token, '--sync-port', String(await freePort()), '--sync-host', '127.0.0.1', '--no-mdns']);
  await until('the sync listener', async () => /^Peer sync: /m.test(served.output().stdout));
  let id = 1;
  return {
    userUrl: served.openUrl,
    async call<T>(name: string, input: unknown = {}) {
      const res = await fetch(`${served.base}/rpc`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ jsonrpc: '2.0', id: id++, method: name, params: input }) });
      const body = (await res.json()) as { result?: T; error?: { message: string } };
      if (body.error) throw new Error(`${name}: ${body.error.message}`);
      return body.result as T;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the page receives and asks meanwhile: event frames by name, RPC calls by method. */
function watchTraffic(page: Page): { events: Map<string, number>; rpc: Map<string, number> } {
  const traffic = { events: new Map<string, number>(), rpc: new Map<string, number>() };
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  page.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => bump(traffic.events, /"event":"([^"]+)"/.exec(String(payload))?.[1] ?? 'other')));
  page.on('request', (request) => {
    if (request.url().endsWith('/rpc')) bump(traffic.rpc, /"method":"([^"]+)"/.exec(request.postData() ?? '')?.[1] ?? 'other');
  });
  return traffic;
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + SYNC_TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

interface Pass {
  sync: Span;
  idle: Span;
  syncFrames: Frames;
  idleFrames: Frames;
  syncCpu: TaskCpu;
  idleCpu: TaskCpu;
  /** What the window showed when, in page time. */
  steps: Array<[string, number]>;
  traffic: ReturnType<typeof watchTraffic>;
}

/** One fresh engine joins the source with `screen` open; recorded from the click on Join to the end. */
async function firstSync(browser: Browser, source: Host, screen: Screen): Promise<Pass> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ir-bench-frames-'));
  const processes = new CliProcesses();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const fresh = await serveHost(processes, dataDir);
    const page = await context.newPage();
    await installFrameProbe(page);
    const traffic = watchTraffic(page);
    await page.goto(fresh.userUrl);
    const { invite } = await source.call<{ invite: string }>('marketplace.invite');
    await page.getByTestId('join-invite').fill(invite);

    await startTrace(browser, page);
    const idleFrom = await markNow(page, 'sync-frames:idle');
    await sleep(IDLE_MS);
    const idleTo = await markNow(page, 'sync-frames:idle-end');

    traffic.events.clear();
    traffic.rpc.clear();
    const from = await markNow(page, 'sync-frames:join');
    const steps: Array<[string, number]> = [];
    const step = async (what: string) => steps.push([what, await markNow(page, `sync-frames:${what}`)]);
    await page.getByTestId('join-submit').click();
    // The join form shows the sync's progress while the join waits for the marketplace's config.
    await page.getByTestId('sync-progress').or(page.getByTestId('catalog')).first().waitFor({ timeout: SYNC_TIMEOUT_MS });
    if (await page.getByTestId('join-marketplace').getByTestId('sync-progress').isVisible()) await step('progress in the join form');
    await page.getByTestId('catalog').waitFor({ timeout: SYNC_TIMEOUT_MS });
    await step('joined');
    if (screen === 'network') {
      await page.getByTestId('nav-network').click();
      await page.getByTestId('sync-progress').waitFor({ timeout: SYNC_TIMEOUT_MS });
      await step('Network screen progress bar');
    }
    await until(`${MODELS} models in the fresh engine`, async () => {
      const list = await fresh.call<{ total: number }>('catalog.list', { limit: 1 });
      const status = await fresh.call<{ progress: { active: boolean } }>('sync.status');
      return list.total === MODELS && !status.progress.active;
    });
    await step('engine done');
    // The window itself must show the end: the bar says up to date, the catalog counts every model.
    if (screen === 'network') await page.locator('[data-testid="sync-progress"][data-active="false"]').waitFor({ timeout: SYNC_TIMEOUT_MS });
    else await page.getByTestId('catalog-count').filter({ hasText: `${MODELS.toLocaleString('en-US')} models` }).waitFor({ timeout: SYNC_TIMEOUT_MS });
    const to = await markNow(page, 'sync-frames:done');
    steps.push(['window shows done', to]);
    const cpuIn = await stopTrace(browser, 'sync-frames:join', from);

    const sync = { from, to };
    const idle = { from: idleFrom, to: Math.min(idleTo, idleFrom + (to - from)) };
    const [syncFrames, idleFrames] = [await framesIn(page, sync), await framesIn(page, idle)];
    return { sync, idle, syncFrames, idleFrames, syncCpu: cpuIn(sync), idleCpu: cpuIn(idle), steps, traffic };
  } finally {
    await context.close();
    await processes.killAll();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const longest = (samples: number[]) => samples.reduce((max, x) => Math.max(max, x), 0);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const counts = (map: Map<string, number>) => [...map].map(([k, v]) => `${k} ×${v}`).join(', ');

function reportPass(screen: Screen, pass: Pass): void {
  const { sync, idle, syncFrames, idleFrames, syncCpu, idleCpu } = pass;
  const where = screen === 'network' ? 'Network screen opened on join' : 'catalog opened on join';
  const syncMs = sync.to - sync.from;
  const idleMs = idle.to - idle.from;
  const onIdle = `the same page idle before the sync, ${seconds(idleMs)}${idleMs < syncMs ? ` (the sync took ${seconds(syncMs)})` : ''}`;
  const name = (what: string) => `sync-frames: ${what} during a ${MODELS}-model first sync, ${where}`;
  report({ name: name('longest frame gap'), value: longest(syncFrames.gaps), unit: 'ms', baseline: `longest frame gap, ${onIdle}`, baselineValue: longest(idleFrames.gaps) });
  report({ name: name('p99 frame gap'), value: percentile(syncFrames.gaps, 99), unit: 'ms', baseline: `p99 frame gap, ${onIdle}`, baselineValue: percentile(idleFrames.gaps, 99) });
  report({ name: name("longest 'longtask' (0: none over 50 ms)"), value: longest(syncFrames.longTasks), unit: 'ms', baseline: `longest frame gap, ${onIdle}`, baselineValue: longest(idleFrames.gaps) });
  report({ name: name('longest renderer main-thread task, CPU time'), value: syncCpu.longestMs, unit: 'ms', baseline: `the same, ${onIdle}`, baselineValue: Math.max(0.001, idleCpu.longestMs) });
  report({ name: name('renderer main-thread CPU'), value: 100 * syncCpu.share, unit: '% of a core', baseline: `the same, ${onIdle}`, baselineValue: Math.max(0.001, 100 * idleCpu.share) });
  // Why, for a person reading the run: what the window showed when, where the longest gaps fell and
  // how much of each the renderer spent working, and the traffic that made it work.
  const at = (t: number) => `+${seconds(t - sync.from)}`;
  console.error(
    [
      `sync-frames (${screen}): ${syncFrames.gaps.length} frames in ${seconds(syncMs)}; ${pass.steps.map(([what, t]) => `${what} ${at(t)}`).join(', ')}`,
      `  longest gaps: ${syncFrames.worst.map(([t, gap]) => `${Math.round(gap)} ms at ${at(t)} (main thread CPU ${Math.round(syncCpu.within(t - gap, t))} ms)`).join('; ')}`,
      `  events received: ${counts(pass.traffic.events)}`,
      `  commands sent: ${counts(pass.traffic.rpc)}`,
    ].join('\n'),
  );
}

export async function benchSyncFrames(): Promise<void> {
  if (!existsSync(resolve('out/renderer/user.html'))) throw new Error('sync-frames needs the renderer built: run `npm run build` first');
  const sourceDir = await mkdtemp(join(tmpdir(), 'ir-bench-frames-source-'));
  const processes = new CliProcesses();
  try {
    const seeded = await processes.run(['seed', '--synthetic', String(MODELS), '--data', sourceDir]);
    if (seeded.code !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
    const source = await serveHost(processes, sourceDir);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    try {
      for (const screen of ['network', 'catalog'] as const) reportPass(screen, await firstSync(browser, source, screen));
    } finally {
      await browser.close();
    }
  } finally {
    await processes.killAll();
    await rm(sourceDir, { recursive: true, force: true });
  }
}
