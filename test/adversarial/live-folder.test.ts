import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/engine/engine';
import { CliProcesses, type Ran, type Served } from '../host/serve-process';

/**
 * Finding 5: a second engine on a live data folder. At e54370e nothing locked a folder, and
 * `ledger export` opened a second engine there whose close deleted the live engine's journal: after
 * a kill -9, acknowledged ledger entries were gone and their seqs reused. Driven through the real
 * `serve` process, the real CLI and real folders.
 */
const processes = new CliProcesses();
const dirs: string[] = [];
afterEach(async () => {
  await processes.killAll();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const SEED = Number(process.env.ADVERSARIAL_SEED ?? 5);
/** mulberry32: the moments of the exports and of the kill, from the seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKEN = randomBytes(24).toString('base64url');

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'adv-live-'));
  dirs.push(dir);
  return dir;
}

async function call<T>(served: Served, method: string, params: unknown): Promise<T> {
  const res = await fetch(`${served.base}/rpc`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const answer = (await res.json()) as { result?: T; error?: unknown };
  if (answer.result === undefined) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
  return answer.result;
}

function startServe(dataDir: string): Promise<Served> {
  return processes.serve(['--data', dataDir, '--port', '0', '--token', TOKEN, '--no-sync', '--no-demo-sim']);
}

/** The ledger entries of an export, by entry id: the seq of each, and every (author, seq) pair seen. */
function entriesOf(exported: Ran): { ids: Map<string, number>; seqs: string[] } {
  const ids = new Map<string, number>();
  const seqs: string[] = [];
  for (const text of exported.stdout.split('\n')) {
    if (!text) continue;
    const line = JSON.parse(text) as { type: string; bytes?: string };
    if (line.type !== 'record') continue;
    const payload = JSON.parse(Buffer.from(line.bytes!, 'base64').subarray(64).toString('utf8')) as { kind: string; author: string; seq: number; body: { id: string } };
    if (payload.kind !== 'ledger-entry') continue;
    ids.set(payload.body.id, payload.seq);
    seqs.push(`${payload.author}/${payload.seq}`);
  }
  return { ids, seqs };
}

describe('a data folder an engine holds', () => {
  it('refuses a second engine, in another process or this one, naming the holder', { timeout: 90_000 }, async () => {
    const dataDir = await folder();
    const served = await startServe(dataDir);
    await call(served, 'marketplace.create', { name: 'held folder' });
    const pid = served.child.pid!;

    const seeding = await processes.run(['seed', '--synthetic', '1', '--data', dataDir]);
    expect(seeding.code).toBe(1);
    expect(seeding.stderr).toContain(`in use by infiniroute serve (pid ${pid}`);

    const second = await Engine.open({ dataDir }).catch((error: unknown) => error);
    if (second instanceof Engine) await second.close();
    expect(second).toBeInstanceOf(Error);
    expect((second as Error).message).toMatch(new RegExp(`in use by infiniroute serve \\(pid ${pid}, since `));
    // The holder never noticed.
    expect((await call<{ ok: boolean }>(served, 'ledger.verify', {})).ok).toBe(true);
  });

  it('keeps every acknowledged entry through `ledger export` on the live folder and a kill -9 mid-call', { timeout: 150_000 }, async () => {
    const rand = random(SEED);
    const dataDir = await folder();
    const served = await startServe(dataDir);
    await call(served, 'marketplace.create', { name: 'live export' });
    const total = 30 + Math.floor(rand() * 20);
    const exportAt = new Set([5 + Math.floor(rand() * 10), 15 + Math.floor(rand() * 15)]);
    const acked: string[] = [];
    const exports: Array<{ before: string[]; ran: Ran | null }> = [];
    const running: Array<Promise<unknown>> = [];
    // Calls keep flowing until every export is back and a few more after: the live engine must not
    // sit idle (an idle engine checkpoints its journal into its documents, hiding the loss).
    let after = -1;
    const deadline = Date.now() + 60_000;
    for (let i = 0; i < 2_000 && Date.now() < deadline; i++) {
      if (exportAt.has(i)) {
        const pending: { before: string[]; ran: Ran | null } = { before: [...acked], ran: null };
        exports.push(pending);
        running.push(processes.run(['ledger', 'export', '--data', dataDir]).then((ran) => (pending.ran = ran)));
      }
      await call(served, 'ledger.deposit', { amount: 1_000, id: `live-${i}` });
      acked.push(`live-${i}`);
      if (after < 0 && i >= total && exports.every((e) => e.ran !== null)) after = i + 5 + Math.floor(rand() * 10);
      if (after >= 0 && i >= after) break;
    }
    expect(after, 'the exports did not finish in time').toBeGreaterThan(0);
    await Promise.all(running);
    for (const { before, ran } of exports) {
      expect(ran!.code, ran!.stderr).toBe(0);
      const { ids } = entriesOf(ran!);
      // A live export shows at least everything acknowledged before it began.
      expect(before.filter((id) => !ids.has(id))).toEqual([]);
    }
    // A call in flight when the engine dies: it may or may not land, but nothing acknowledged may go.
    const inFlight = call(served, 'ledger.deposit', { amount: 1_000, id: 'in-flight' }).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, Math.floor(rand() * 5)));
    const killed = new Promise((resolve) => served.child.once('exit', resolve));
    served.child.kill('SIGKILL');
    await killed;
    if ((await inFlight) !== null) acked.push('in-flight');

    const restarted = await processes.run(['ledger', 'export', '--data', dataDir]);
    expect(restarted.code, restarted.stderr).toBe(0);
    const { ids, seqs } = entriesOf(restarted);
    expect(acked.filter((id) => !ids.has(id))).toEqual([]);
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
