import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '../../src-shared/canonical-json';
import type { CommandInput, CommandName, CommandOutput } from '../../src-shared/contract';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = 'bin/infiniroute.mjs';

/**
 * A port for a sync listener that must come back at the same address after a restart. It is picked
 * below the kernel's ephemeral range (32768+ on Linux): a port from that range, released and then
 * bound again, can be taken meanwhile by any outgoing connection's local port (EADDRINUSE).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (bound) {
      await new Promise((resolve) => server.close(resolve));
      return port;
    }
    if (attempt > 50) throw new Error('no free port below the ephemeral range');
  }
}

function env(): NodeJS.ProcessEnv {
  const out = { ...process.env };
  for (const name of Object.keys(out)) if (name.startsWith('INFINIROUTE_')) delete out[name];
  return out;
}

export class RpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One real `infiniroute serve` process on loopback (command API on a free port, sync on a fixed port
 * so a restart comes back at the same address), driven over JSON-RPC with its token.
 */
export class ServeProcess {
  private child: ChildProcess | null = null;
  private url = '';
  private nextId = 1;
  output = '';
  readonly token = randomBytes(12).toString('base64url');

  private constructor(
    readonly dataDir: string,
    readonly syncPort: number,
  ) {}

  static async start(options: { dataDir?: string; syncPort?: number } = {}): Promise<ServeProcess> {
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ir-sync-')));
    const peer = new ServeProcess(dataDir, options.syncPort ?? (await freePort()));
    await peer.launch();
    return peer;
  }

  get syncAddress(): string {
    return `127.0.0.1:${this.syncPort}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  async launch(): Promise<void> {
    const args = [BIN, 'serve', '--data', this.dataDir, '--port', '0', '--token', this.token, '--sync-port', String(this.syncPort), '--sync-host', '127.0.0.1', '--no-mdns'];
    const child = spawn(process.execPath, args, { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}\n${this.output}`)), 60_000);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const open = /Open: (http:\/\/[^/\s]+)\//.exec(out);
        if (open && out.includes('Peer sync:')) {
          clearTimeout(timer);
          resolve(open[1]!);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited (${code}) before it was ready: ${out}\n${this.output}`));
      });
    });
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
  }

  async call<N extends CommandName>(name: N, input: CommandInput<N> = {} as CommandInput<N>): Promise<CommandOutput<N>> {
    const response = await fetch(`${this.url}/rpc`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: this.nextId++, method: name, params: input }),
    });
    const body = (await response.json()) as { result?: unknown; error?: { message: string; data?: { code?: string } } };
    if (body.error) throw new RpcError(body.error.data?.code ?? 'UNKNOWN', `${name}: ${body.error.message}`);
    return body.result as CommandOutput<N>;
  }

  /** SIGTERM (a clean stop) or SIGKILL (a crash); resolves once the process is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** What a peer holds, as comparable values: the record digest and the catalog, canonically. */
export async function stateOf(peer: ServeProcess): Promise<{ digest: string; records: number; catalog: string }> {
  const status = await peer.call('sync.status');
  const items: unknown[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await peer.call('catalog.list', { limit: 500, offset, sort: 'name', filters: { includeRetired: true } });
    items.push(...page.items);
    if (page.items.length < 500) break;
  }
  return { digest: status.digest, records: status.counts.records, catalog: canonicalJson(items) };
}

/** Waits until every peer holds the same records and shows the same catalog. */
export async function converged(peers: readonly ServeProcess[], timeoutMs = 60_000): Promise<{ digest: string; records: number; catalog: string }> {
  return waitFor(
    'the peers to converge',
    async () => {
      const states = await Promise.all(peers.map((p) => stateOf(p)));
      const [first] = states;
      return states.every((s) => s.digest === first!.digest && s.catalog === first!.catalog) ? first! : null;
    },
    timeoutMs,
    500,
  );
}

/** `infiniroute peer`: the headless relay (no command API); resolves with what it printed. */
export async function startRelay(args: string[]): Promise<{ child: ChildProcess; invite: string; key: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [BIN, 'peer', '--host', '127.0.0.1', '--no-mdns', ...args], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const printed = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`relay did not start: ${out}\n${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/Invite: \S+\n/.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited (${code}): ${out}\n${err}`));
    });
  });
  return {
    child,
    invite: /Invite: (\S+)/.exec(printed)![1]!,
    key: /Peer key: (\S+)/.exec(printed)![1]!,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
