/**
 * Peer sync figures (issue #8), each against a baseline measured in the same run:
 * - a fresh peer receives a 10k-model catalog (100 producers × 100 models, seed/synthetic.ts) from a
 *   real `infiniroute serve` process over loopback WebSocket — against a cold open of the same
 *   documents from local storage (every signature verified too);
 * - how responsive the receiving engine stays meanwhile: lateness of a catalog.list issued every
 *   20 ms, against the same probe on the idle engine;
 * - 500 + 500 offline edits reconcile after the peers reconnect — against applying the same records
 *   locally, without a network;
 * - the CPU time that first sync costs (engine thread; both processes, every thread), against the
 *   cold open's: on a shared machine the wall clock mostly measures the share of CPU a run got, CPU
 *   time does not (Linux only: read from /proc).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine } from '../src-main/engine/engine';
import type { Incoming } from '../src-main/engine/sync/ingest-queue';
import { listing } from '../test/sync/helpers';
import { freePort } from '../test/sync/processes';
import { percentile, report } from './harness';

const MODELS = 10_000;
const EDITS = 500;
const BIN = 'bin/infiniroute.mjs';

/** USER_HZ: the unit of /proc's CPU times on every Linux Node runs on. */
const CLOCK_TICKS = 100;

/** CPU ms (user + system) from a /proc stat file: `self`, `thread-self` or a pid; null off Linux. */
function cpuMs(of: string): number | null {
  try {
    const stat = readFileSync(`/proc/${of}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

function cpuSince(of: string, start: number | null): number | null {
  const now = cpuMs(of);
  return now === null || start === null ? null : now - start;
}

interface Source {
  child: ChildProcess;
  call(name: string, input?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

async function serveSource(dataDir: string): Promise<Source> {
  const token = 'bench-token-0123456789';
  const child = spawn(process.execPath, [BIN, 'serve', '--data', dataDir, '--port', '0', '--token', token, '--sync-port', String(await freePort()), '--sync-host', '127.0.0.1', '--no-mdns'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const open = /Open: (http:\/\/[^/\s]+)\//.exec(out);
      if (open && out.includes('Peer sync:')) resolve(open[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  let id = 1;
  return {
    child,
    async call(name, input = {}) {
      const res = await fetch(`${url}/rpc`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ jsonrpc: '2.0', id: id++, method: name, params: input }) });
      const body = (await res.json()) as { result?: unknown; error?: { message: string } };
      if (body.error) throw new Error(`${name}: ${body.error.message}`);
      return body.result;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function call<T>(engine: Engine, name: string, input: unknown = {}): Promise<T> {
  const answer = await engine.dispatch(name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.result as T;
}

/** How late a catalog.list answers when issued every 20 ms: timer lateness + the command itself. */
function probeLatency(engine: Engine): { stop(): number[] } {
  const samples: number[] = [];
  let running = true;
  const tick = () => {
    const due = performance.now() + 20;
    setTimeout(() => {
      void engine.dispatch('catalog.list', { limit: 50, sort: 'price' }).then(() => {
        samples.push(performance.now() - due);
        if (running) tick();
      });
    }, 20);
  };
  tick();
  return {
    stop: () => {
      running = false;
      return samples;
    },
  };
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface ColdOpen {
  ms: number;
  records: number;
  cpu: { engine: number | null; all: number | null };
  idle: number[];
}

/**
 * `npm run bench` runs every bench in one process, and an engine's heap outlives its close by a few
 * seconds (automerge-repo's pending save timers): a receiver measured in that process paid for the
 * garbage collection of every engine before it (measured: +2.5 s of GC threads, +1 s on the engine
 * thread). So each engine measured here runs in a process of its own, as a fresh peer does.
 */
function child(mode: string, args: string[], output: 'pipe' | 'inherit'): string {
  const run = spawnSync(process.execPath, ['bin/run-ts.mjs', 'bench/sync.ts', mode, ...args], { encoding: 'utf8', stdio: ['ignore', output, 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`bench/sync.ts ${mode} exited ${run.status}`);
  return run.stdout ?? '';
}

export async function benchSync(): Promise<void> {
  const sourceDir = await mkdtemp(join(tmpdir(), 'ir-bench-sync-'));
  const copy = await mkdtemp(join(tmpdir(), 'ir-bench-sync-'));
  try {
    const seeded = spawnSync(process.execPath, [BIN, 'seed', '--synthetic', String(MODELS), '--data', sourceDir], { encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
    await cp(sourceDir, copy, { recursive: true });
    const cold = child('cold-open', [copy], 'pipe').trim().split('\n').pop()!;
    child('receive', [sourceDir, cold], 'inherit');
  } finally {
    await rm(sourceDir, { recursive: true, force: true });
    await rm(copy, { recursive: true, force: true });
  }
}

/** Baseline: the same documents opened cold from local storage, every signature verified. */
async function coldOpen(dataDir: string): Promise<ColdOpen> {
  const started = performance.now();
  const before = { engine: cpuMs('thread-self'), all: cpuMs('self') };
  const local = await Engine.open({ dataDir, dataKey: null });
  const ms = performance.now() - started;
  const cpu = { engine: cpuSince('thread-self', before.engine), all: cpuSince('self', before.all) };
  const idleProbe = probeLatency(local);
  await new Promise((r) => setTimeout(r, 1_000));
  const idle = idleProbe.stop();
  const records = local.book.recordCount;
  await local.close();
  return { ms, records, cpu, idle };
}

async function receive(sourceDir: string, cold: ColdOpen): Promise<void> {
  const dirs: string[] = [];
  const temp = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ir-bench-sync-'));
    dirs.push(dir);
    return dir;
  };
  const { records, idle } = cold;
  const localMs = cold.ms;
  const localCpu = cold.cpu;
  let started: number;
  const source = await serveSource(sourceDir);
  const receiver = await Engine.open({ dataDir: await temp(), dataKey: null });
  try {
    await receiver.sync.listen('127.0.0.1', 0);
    receiver.sync.goOnline({ mdns: false });
    const { invite } = (await source.call('marketplace.invite')) as { invite: string };
    const probe = probeLatency(receiver);
    const sourcePid = String(source.child.pid);
    const syncStart = { engine: cpuMs('thread-self'), all: cpuMs('self'), source: cpuMs(sourcePid) };
    started = performance.now();
    await call(receiver, 'marketplace.join', { invite });
    await until('the 10k catalog', async () => receiver.catalog.modelCount === MODELS && receiver.book.recordCount >= records && !receiver.sync.queue.busy);
    const syncMs = performance.now() - started;
    const syncCpu = { engine: cpuSince('thread-self', syncStart.engine), all: cpuSince('self', syncStart.all), source: cpuSince(sourcePid, syncStart.source) };
    const busy = probe.stop();

    report({ name: `sync: fresh peer receives ${MODELS} models (100×100, ${records} records) over loopback WebSocket`, value: syncMs, unit: 'ms', baseline: 'cold open of the same documents from local storage (all verified)', baselineValue: localMs });
    report({ name: 'sync: records received and verified per second', value: (records / syncMs) * 1000, unit: 'records/s', baseline: 'records loaded and verified per second from local storage', baselineValue: (records / localMs) * 1000 });
    report({ name: 'sync: catalog.list lateness p99 during that first sync', value: percentile(busy, 99), unit: 'ms', baseline: 'the same probe on an idle engine, p99', baselineValue: Math.max(0.001, percentile(idle, 99)) });
    report({ name: 'sync: catalog.list lateness max during that first sync', value: Math.max(...busy), unit: 'ms', baseline: 'the same probe on an idle engine, max', baselineValue: Math.max(0.001, ...idle) });
    if (syncCpu.engine !== null && localCpu.engine !== null) {
      report({ name: 'sync: CPU time of that first sync, receiving engine thread', value: syncCpu.engine, unit: 'ms', baseline: 'CPU time of the cold open, engine thread', baselineValue: localCpu.engine });
    }
    if (syncCpu.all !== null && syncCpu.source !== null && localCpu.all !== null) {
      report({ name: 'sync: CPU time of that first sync, both processes, every thread', value: syncCpu.all + syncCpu.source, unit: 'ms', baseline: 'CPU time of the cold open, every thread', baselineValue: localCpu.all });
    }

    // 500 + 500 offline edits: each side publishes while cut off, then they reconnect.
    const sourceKey = ((await source.call('sync.status')) as { peerKey: string }).peerKey;
    await call(receiver, 'sync.disconnect', { peerKey: sourceKey });
    await until('the link to drop', async () => ((await source.call('sync.status')) as { peers: unknown[] }).peers.length === 0);
    for (let i = 0; i < EDITS; i++) {
      const { price: _unused, ...body } = listing(`offline-r-${i}`);
      await call(receiver, 'models.publish', body);
      const { price: _also, ...theirs } = listing(`offline-s-${i}`);
      await source.call('models.publish', theirs);
    }
    const target = records + 2 * EDITS + 1;
    const digestOf = async () => ((await source.call('sync.status')) as { digest: string; counts: { records: number } });
    started = performance.now();
    await call(receiver, 'sync.connect', { address: ((await source.call('marketplace.invite')) as { address: string }).address });
    await until('the edits to reconcile', async () => {
      if (receiver.book.recordCount < target || receiver.sync.queue.busy) return false;
      const theirs = await digestOf();
      return theirs.counts.records === receiver.book.recordCount && theirs.digest === (await call<{ digest: string }>(receiver, 'sync.status')).digest;
    });
    const reconcileMs = performance.now() - started;

    // Baseline: the same 1,000 records applied locally (RecordBook + query store), no network.
    const fresh = await Engine.open({ dataDir: await temp(), dataKey: null });
    await fresh.adoptMarketplace(receiver.marketplace.id!);
    const items: Incoming[] = receiver.docs
      .docNames()
      .filter((n) => n.startsWith('catalog/'))
      .flatMap((doc) => receiver.docs.records(doc).map(([key, bytes]) => ({ doc, key, bytes })))
      .filter((item) => /offline-[rs]-/.test(new TextDecoder().decode(item.bytes.subarray(64))));
    started = performance.now();
    for (let i = 0; i < items.length; i += 200) await fresh.absorb(items.slice(i, i + 200));
    const applyMs = performance.now() - started;
    await fresh.close();
    report({ name: `sync: ${EDITS} + ${EDITS} offline edits reconcile after reconnect`, value: reconcileMs, unit: 'ms', baseline: `the same ${items.length} records applied locally, no network`, baselineValue: applyMs });
  } finally {
    await receiver.close();
    await source.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
}

const [mode, ...args] = process.argv.slice(2);
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (mode === 'cold-open') console.log(JSON.stringify(await coldOpen(args[0]!)));
  else if (mode === 'receive') await receive(args[0]!, JSON.parse(args[1]!) as ColdOpen);
  else throw new Error(`unknown mode ${mode}`);
  process.exit(0);
}
