import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAutomergeUrl } from '@automerge/automerge-repo';
import { WebSocket } from 'ws';
import { generateSigningKey, SignatureVerifier } from '../../src-main/engine/identity/keys';
import { dialerHandshake } from '../../src-main/engine/sync/handshake';

/**
 * A real `infiniroute serve` child started under `ulimit -n 1024` (as a desktop's engine often runs),
 * with the helpers the sync-listener attacks need: its RSS and open descriptors from /proc, its
 * command API over /rpc with a per-call deadline. Only loopback is ever dialled. Everything here
 * exists at e54370e too, so the same attacks run against it (scripts/adversarial-at.sh).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 60_000;

export interface Victim {
  child: ChildProcess;
  pid: number;
  dataDir: string;
  rpcBase: string;
  syncHost: string;
  syncPort: number;
  stdout(): string;
  call<T = unknown>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
  rssBytes(): Promise<number>;
  openFds(): Promise<number>;
  stop(): Promise<void>;
}

export async function startVictim(args: string[] = ['--sync-host', '127.0.0.1', '--no-mdns'], dataDir?: string): Promise<Victim> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'ir-adv-sync-')));
  const token = randomBytes(24).toString('base64url');
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('INFINIROUTE_')) delete env[name];
  const argv = ['bin/infiniroute.mjs', 'serve', '--data', dir, '--port', '0', '--token', token, '--sync-port', '0', '--no-demo-sim', ...args];
  const child = spawn('bash', ['-c', 'ulimit -n 1024 && exec "$0" "$@"', process.execPath, ...argv], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const ready = await new Promise<{ rpcBase: string; syncHost: string; syncPort: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}\n${err}`)), START_TIMEOUT_MS);
    const check = () => {
      const open = /^Open: (http:\/\/[^/\s]+)\//m.exec(out);
      const sync = /^Peer sync: (\S+):(\d+)\b/m.exec(out);
      if (!open || !sync) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve({ rpcBase: open[1]!, syncHost: sync[1]!, syncPort: Number(sync[2]) });
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}): ${out}\n${err}`));
    });
  });
  let nextId = 1;
  const pid = child.pid!;
  return {
    child,
    pid,
    dataDir: dir,
    ...ready,
    stdout: () => out,
    /** One JSON-RPC call on a connection of its own (as a new window or CLI would open), with a deadline. */
    call<T>(method: string, params: unknown = {}, timeoutMs = 10_000): Promise<T> {
      const body = JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params });
      return new Promise<T>((resolve, reject) => {
        const req = request(`${ready.rpcBase}/rpc`, {
          method: 'POST',
          agent: false,
          timeout: timeoutMs,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        });
        req.on('timeout', () => req.destroy(new Error(`${method}: no answer in ${timeoutMs} ms`)));
        req.on('error', reject);
        req.on('response', (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('error', reject);
          res.on('end', () => {
            try {
              const answer = JSON.parse(text) as { result?: T; error?: { message: string } };
              if (answer.error) reject(new Error(`${method}: ${answer.error.message}`));
              else resolve(answer.result as T);
            } catch {
              reject(new Error(`${method}: HTTP ${res.statusCode} ${text.slice(0, 200)}`));
            }
          });
        });
        req.end(body);
      });
    },
    async rssBytes() {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)![1]) * 1024;
    },
    /** Descriptors the engine holds; Infinity once it is gone. */
    async openFds() {
      return readdir(`/proc/${pid}/fd`).then(
        (fds) => fds.length,
        () => Number.POSITIVE_INFINITY,
      );
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** ADVERSARIAL_SEED (default fixed) as a small deterministic generator: arrival orders differ per soak round. */
export function seededRandom(): () => number {
  let state = (Number(process.env.ADVERSARIAL_SEED ?? 20261208) >>> 0) || 1;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A raw TCP socket to 127.0.0.1:port from a loopback source address; resolves once connected (or null). */
export function rawSocket(port: number, localAddress: string, timeoutMs = 5_000): Promise<Socket | null> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, timeoutMs);
    socket.on('error', () => {});
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}

/** Sends the HTTP upgrade to /sync by hand; resolves true once the listener answered 101. */
export function upgradeBy(socket: Socket, timeoutMs = 5_000): Promise<boolean> {
  const key = randomBytes(16).toString('base64');
  socket.write(`GET /sync HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  return new Promise((resolve) => {
    let head = '';
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.off('data', onData);
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n')) done(head.startsWith('HTTP/1.1 101'));
    };
    socket.on('data', onData);
    socket.once('close', () => done(false));
  });
}

/** A masked client frame header (binary) announcing `length` payload bytes, and the mask it uses. */
export function frameHeader(length: number): Buffer {
  const mask = randomBytes(4);
  if (length < 126) return Buffer.concat([Buffer.from([0x82, 0x80 | length]), mask]);
  if (length < 65_536) {
    const head = Buffer.from([0x82, 0x80 | 126, 0, 0]);
    head.writeUInt16BE(length, 2);
    return Buffer.concat([head, mask]);
  }
  const head = Buffer.alloc(10);
  head[0] = 0x82;
  head[1] = 0x80 | 127;
  head.writeBigUInt64BE(BigInt(length), 2);
  return Buffer.concat([head, mask]);
}

/**
 * A peer with a throwaway key that passes the handshake (it proves its own fresh key and names the
 * marketplace, which anyone can learn) from the given loopback source address, then says nothing.
 */
export async function throwawayLink(port: number, localAddress: string, marketplace: string): Promise<WebSocket | null> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/sync`, { localAddress, perMessageDeflate: false, handshakeTimeout: 5_000 });
  ws.on('error', () => {});
  const opened = await new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('close', () => resolve(false));
  });
  if (!opened) {
    ws.terminate();
    return null;
  }
  try {
    await dialerHandshake(ws, { key: generateSigningKey(), marketplace, index: generateAutomergeUrl(), verifier: new SignatureVerifier() }, null);
    return ws;
  } catch {
    ws.terminate();
    return null;
  }
}

export async function waitUntil(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
