import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Crash safety, reusable: runs a work loop in a child engine process, kills it with SIGKILL at a
 * random moment, and returns what it acknowledged. A work loop is a TypeScript module (run with
 * tsx through bin/run-ts.mjs) that takes its arguments from process.argv and prints one JSON line
 * per operation it has completed, only after the engine acknowledged it (the command resolved:
 * the records are on disk). Whatever the kill interrupted, every acknowledged line must be found
 * again after a restart; tests check that with their own domain queries.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const RUN_TS = join(ROOT, 'bin', 'run-ts.mjs');

export interface CrashRunOptions {
  /** Path of the work-loop module. */
  script: string;
  args?: string[];
  /** The kill comes at a random moment this long after the first acknowledgement (ms). */
  killAfter?: { min: number; max: number };
  /**
   * Then, if set, it waits for the next acknowledgement and lands 0..maxMs after it: where an
   * acknowledgement given before its write is durable would be lost (a purely random moment mostly
   * lands mid-operation instead, where a torn write would show).
   */
  nearAck?: { maxMs: number };
  /** Gives up (and kills) if nothing was acknowledged by then (or, with nearAck, no next acknowledgement). */
  startTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** A source of randomness in [0, 1): pass a seeded one to replay a run. */
  random?: () => number;
}

export interface CrashRunResult<T = Record<string, unknown>> {
  /** Every complete JSON line the child printed before it died, in order. */
  acknowledged: T[];
  /** How long after the first acknowledgement the kill came. */
  killedAfterMs: number;
  /** 'SIGKILL' when the harness killed it; otherwise the child ended by itself (a failed loop). */
  signal: NodeJS.Signals | null;
  exitCode: number | null;
  stderr: string;
}

/** Complete lines that parse as JSON objects; a line cut by the kill is not an acknowledgement. */
export function acknowledgedLines<T>(stdout: string): T[] {
  const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
  const out: T[] = [];
  for (const line of complete.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // not an acknowledgement (some other output of the child)
    }
  }
  return out;
}

/**
 * Where kill moments come from: CRASH_SEED replays a run, otherwise a fresh seed. The seed is printed
 * so a failing run can be replayed (timing still varies; the sequence of kill delays does not).
 */
export function crashRandom(label: string): { seed: number; random: () => number } {
  const fromEnv = process.env.CRASH_SEED;
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) >>> 0 : Math.floor(Math.random() * 2 ** 32);
  console.log(`[crash] ${label}: seed ${seed} (replay with CRASH_SEED=${seed})`);
  // mulberry32: tiny, good enough to spread kill moments, and the same sequence for the same seed.
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { seed, random };
}

export function runAndKill<T = Record<string, unknown>>(options: CrashRunOptions): Promise<CrashRunResult<T>> {
  const { min, max } = options.killAfter ?? { min: 100, max: 1_500 };
  const random = options.random ?? Math.random;
  const delay = Math.round(min + random() * (max - min));
  const child = spawn(process.execPath, [RUN_TS, options.script, ...(options.args ?? [])], {
    cwd: ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const nearAck = options.nearAck ? Math.round(random() * options.nearAck.maxMs) : null;
  let firstAckAt: number | null = null;
  let killedAt: number | null = null;
  /** Acknowledgements seen when the delay ran out; the next one (nearAck) triggers the kill. */
  let armedAt: number | null = null;
  const kill = () => {
    if (killedAt !== null || child.exitCode !== null || child.signalCode !== null) return;
    killedAt = Date.now();
    child.kill('SIGKILL');
  };
  const giveUpMs = options.startTimeoutMs ?? 60_000;
  /** Kills a child that never acknowledges (or, armed for nearAck, stopped acknowledging). */
  let guard = setTimeout(kill, giveUpMs);
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    const count = acknowledgedLines(stdout).length;
    if (firstAckAt === null && count > 0) {
      firstAckAt = Date.now();
      clearTimeout(guard);
      setTimeout(() => {
        if (nearAck === null) return kill();
        armedAt = acknowledgedLines(stdout).length;
        guard = setTimeout(kill, giveUpMs);
      }, delay);
    } else if (armedAt !== null && count > armedAt) {
      armedAt = null;
      setTimeout(kill, nearAck!);
    }
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, signal) => {
      clearTimeout(guard);
      resolve({
        acknowledged: acknowledgedLines<T>(stdout),
        killedAfterMs: firstAckAt !== null && killedAt !== null ? killedAt - firstAckAt : 0,
        signal,
        exitCode,
        stderr,
      });
    });
  });
}
