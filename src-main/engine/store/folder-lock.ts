import { createHash } from 'node:crypto';
import { chmod, mkdir, realpath, rm, stat, unlink } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';

/**
 * One engine per data folder, for the engine's whole life. Node has no flock, so the lock is a
 * socket the engine listens on: the kernel drops it when the process dies (kill -9 included), and
 * a socket file nobody answers on is stale and taken over. The same socket lets the holder say who
 * it is and hand out what a second process would otherwise open the folder for (a ledger export).
 */
export const LOCK_SOCKET_NAME = 'engine.sock';

/** Who holds a folder, as the holder itself says when asked. */
export interface FolderHolder {
  pid: number;
  /** What runs the engine, e.g. "infiniroute serve" or "the desktop app"; never its arguments (they may hold secrets). */
  role: string;
  startedAt: string;
}

/** An answer the holder gives over the lock socket: the lines to send, one JSON text each. */
export type LockAnswer = () => string[] | Promise<string[]>;

export interface FolderLock {
  readonly address: string;
  readonly holder: FolderHolder;
  /** Adds the answer to one question (`ask`) the lock socket serves. */
  answer(ask: string, lines: LockAnswer): void;
  release(): Promise<void>;
}

const MAX_REQUEST_BYTES = 1024;
const CLIENT_TIMEOUT_MS = 5_000;
/** A takeover marker older than this was left by a process killed inside its takeover. */
const STALE_TAKEOVER_MS = 10_000;
/** sun_path holds 104 (macOS) to 108 (Linux) bytes with its terminator; longer folders lock in the temp folder. */
const MAX_SOCKET_PATH_BYTES = 100;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Where the lock socket of a folder lives: in it, or (a long path, Windows) a name derived from its real path. */
export async function lockAddress(dataDir: string, platform: NodeJS.Platform = process.platform): Promise<string> {
  const real = await realpath(dataDir);
  if (platform === 'win32') return `\\\\?\\pipe\\infiniroute-${sha256(real.toLowerCase()).slice(0, 32)}`;
  const inFolder = join(real, LOCK_SOCKET_NAME);
  return Buffer.byteLength(inFolder) <= MAX_SOCKET_PATH_BYTES ? inFolder : join(tmpdir(), `infiniroute-${sha256(real).slice(0, 32)}.sock`);
}

function listen(server: Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Sends one question to the folder's holder and collects its answer lines. Null when nobody
 * answers (no socket, or a stale one): the folder is free.
 */
export async function askHolder(address: string, ask: string, onLine?: (line: string) => void): Promise<string[] | null> {
  return new Promise((resolve, reject) => {
    const socket: Socket = createConnection(address);
    const lines: string[] = [];
    const take = onLine ?? ((line: string) => void lines.push(line));
    let buffer = '';
    let connected = false;
    socket.setEncoding('utf8');
    socket.setTimeout(CLIENT_TIMEOUT_MS, () => socket.destroy(new Error(`the engine holding the folder did not answer within ${CLIENT_TIMEOUT_MS} ms`)));
    socket.on('connect', () => {
      connected = true;
      socket.end(`${JSON.stringify({ ask })}\n`);
    });
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) take(line);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected && (error.code === 'ENOENT' || error.code === 'ECONNREFUSED')) resolve(null);
      else reject(error);
    });
    socket.on('close', (hadError) => {
      if (hadError) return;
      if (buffer) take(buffer);
      resolve(lines);
    });
  });
}

function describeHolder(dataDir: string, lines: string[] | null): string {
  let holder: Partial<FolderHolder> = {};
  try {
    holder = JSON.parse(lines?.[0] ?? '{}') as Partial<FolderHolder>;
  } catch {
    // An unreadable answer still proves a live holder; it is named as unknown.
  }
  const who = `${holder.role ?? 'another InfiniRoute engine'} (pid ${holder.pid ?? 'unknown'}${holder.startedAt ? `, since ${holder.startedAt}` : ''})`;
  return `The data folder ${dataDir} is in use by ${who}. One engine at a time may open a data folder: stop that one first, or use another data folder.`;
}

function serveAnswers(holder: FolderHolder, answers: Map<string, LockAnswer>): Server {
  // Half-open: the asker ends its side after the question; the answer is written after that.
  return createServer({ allowHalfOpen: true }, (socket) => {
    let request = '';
    socket.setEncoding('utf8');
    socket.setTimeout(CLIENT_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      request += chunk;
      if (request.length > MAX_REQUEST_BYTES) socket.destroy();
    });
    socket.on('end', async () => {
      let ask: unknown;
      try {
        ask = (JSON.parse(request) as { ask?: unknown }).ask;
      } catch {
        ask = undefined;
      }
      const answer = typeof ask === 'string' && ask !== 'holder' ? answers.get(ask) : undefined;
      // A question this engine does not know gets the holder line only: the asker learns who holds the folder.
      let lines: string[];
      try {
        lines = answer ? await answer() : [JSON.stringify(holder)];
      } catch (error) {
        lines = [JSON.stringify({ error: (error as Error).message })];
      }
      socket.end(lines.map((l) => `${l}\n`).join(''));
    });
  });
}

/** Replaces a stale socket file, one process at a time: whoever makes the marker folder re-checks, then unlinks. */
async function takeOver(address: string): Promise<'taken' | 'busy' | 'alive'> {
  const marker = `${address}.takeover`;
  try {
    await mkdir(marker);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - (await stat(marker).then((s) => s.mtimeMs, () => Date.now()));
    if (age > STALE_TAKEOVER_MS) await rm(marker, { recursive: true, force: true });
    return 'busy';
  }
  try {
    if ((await askHolder(address, 'holder')) !== null) return 'alive';
    await unlink(address).catch(() => undefined);
    return 'taken';
  } finally {
    await rm(marker, { recursive: true, force: true });
  }
}

/**
 * Takes the folder's lock, or refuses with a CONFLICT that names the holder. The folder must exist.
 * Kept until release() (the engine's close) or the process's end.
 */
export async function acquireFolderLock(dataDir: string, role: string): Promise<FolderLock> {
  const address = await lockAddress(dataDir);
  const holder: FolderHolder = { pid: process.pid, role, startedAt: new Date().toISOString() };
  const answers = new Map<string, LockAnswer>();
  for (let attempt = 0; attempt < 50; attempt++) {
    const server = serveAnswers(holder, answers);
    try {
      await listen(server, address);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      const answer = await askHolder(address, 'holder').catch(() => ['{}']);
      if (answer !== null) throw new AppError('CONFLICT', describeHolder(dataDir, answer), { holder: answer[0] ?? null });
      const outcome = await takeOver(address);
      if (outcome === 'alive') continue;
      if (outcome === 'busy') await new Promise((r) => setTimeout(r, 20 + attempt * 10));
      continue;
    }
    if (process.platform !== 'win32') await chmod(address, 0o600);
    server.unref();
    return {
      address,
      holder,
      answer: (ask, lines) => void answers.set(ask, lines),
      release: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }
  throw new AppError('CONFLICT', `The data folder ${dataDir} is being opened by another process; try again.`);
}

/** The question `infiniroute ledger export` asks the engine holding a live folder. */
export const LEDGER_EXPORT_ASK = 'ledger-export';

/** An answer that first says how many lines follow, so the asker tells a whole answer from one cut by the holder's death. */
export function countedLines(lines: string[]): string[] {
  return [JSON.stringify({ lines: lines.length }), ...lines];
}
