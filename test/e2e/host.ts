import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, type APIRequestContext } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/infiniroute.mjs');

/** What a test needs of a running `infiniroute serve`. */
export interface ServedHost {
  dataDir: string;
  url: string;
  token: string;
  userUrl: string;
  producerUrl: string;
}

export interface Host extends ServedHost {
  stop(): Promise<void>;
}

function run(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`infiniroute ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

/** The two URLs `serve` prints; each carries this start's page session in its fragment. */
function waitForUrls(child: ChildProcess): Promise<{ url: string; userUrl: string; producerUrl: string }> {
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`serve did not print its URL: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const user = /Open: ((http:\/\/[^/\s]+)\/user\.html#session=\S+)/.exec(out);
      const producer = /Producer console: (\S+)/.exec(out);
      if (user && producer) {
        clearTimeout(timer);
        done({ url: user[2]!, userUrl: user[1]!, producerUrl: producer[1]! });
      }
    });
    child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
  });
}

/** A real `infiniroute serve` on a fresh data folder (optionally seeded with the demo). */
export async function startHost(options: { demo: boolean; dataDir?: string }): Promise<Host> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ir-e2e-')));
  if (options.demo) await run(['seed', '--demo', '--data', dataDir]);
  const token = `e2e-${randomBytes(16).toString('hex')}`;
  const child = spawn(process.execPath, [CLI, 'serve', '--data', dataDir, '--port', '0', '--token', token], { stdio: ['ignore', 'pipe', 'inherit'] });
  const { url, userUrl, producerUrl } = await waitForUrls(child);
  return {
    dataDir,
    url,
    token,
    userUrl,
    producerUrl,
    async stop() {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Hosts for the tests of the enclosing describe block: started together before them, stopped after
 * them. What it returns reads through to the running hosts, so a block can hold it from its start.
 */
export function hostsForBlock<const O extends ReadonlyArray<{ demo: boolean }>>(...options: O): { [K in keyof O]: ServedHost } {
  let running: Array<Host | undefined> = [];
  test.beforeAll(async () => {
    // Settled, not all: when one host fails to start, the others still get stopped after the block.
    const started = await Promise.allSettled(options.map((o) => startHost(o)));
    running = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  });
  test.afterAll(async () => {
    await Promise.all(running.splice(0).map((host) => host?.stop()));
  });
  const views = options.map((_, i): ServedHost => {
    const current = (): Host => {
      const host = running[i];
      if (!host) throw new Error('a block host runs only while the tests of its describe block do');
      return host;
    };
    return {
      get dataDir() {
        return current().dataDir;
      },
      get url() {
        return current().url;
      },
      get token() {
        return current().token;
      },
      get userUrl() {
        return current().userUrl;
      },
      get producerUrl() {
        return current().producerUrl;
      },
    };
  });
  return views as { [K in keyof O]: ServedHost };
}

/** One host for the tests of the enclosing describe block (see hostsForBlock). */
export function hostForBlock(options: { demo: boolean }): ServedHost {
  const [host] = hostsForBlock(options);
  return host;
}

export interface RpcAnswer<T> {
  result?: T;
  error?: { message?: string; data?: { code?: string } };
}

/** One command over JSON-RPC, as any HTTP client of `infiniroute serve` would send it: the whole answer. */
export async function rpcAnswer<T = unknown>(request: APIRequestContext, host: ServedHost, method: string, params: unknown): Promise<RpcAnswer<T>> {
  const response = await request.post(`${host.url}/rpc`, { headers: { Authorization: `Bearer ${host.token}` }, data: { jsonrpc: '2.0', id: 1, method, params } });
  return (await response.json()) as RpcAnswer<T>;
}

/** A command that must succeed: its result, or a thrown error naming the command and the engine's answer. */
export async function rpc<T>(request: APIRequestContext, host: ServedHost, method: string, params: unknown): Promise<T> {
  const answer = await rpcAnswer<T>(request, host, method, params);
  if (answer.result === undefined) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
  return answer.result;
}
