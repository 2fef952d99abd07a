import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = 'bin/infiniroute.mjs';
const START_TIMEOUT_MS = 60_000;

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Served {
  child: ChildProcess;
  /** http://host:port of the served engine. */
  base: string;
  /** The `Open:` URL of the user window, token included. */
  openUrl: string;
  output(): { stdout: string; stderr: string };
  /** SIGTERM, then its exit code once it has exited. */
  stop(): Promise<number | null>;
}

/** The environment without inherited INFINIROUTE_* settings (unless given in extra), so only the arguments count. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of ['INFINIROUTE_DATA', 'INFINIROUTE_TOKEN', 'INFINIROUTE_PASSPHRASE']) if (!(name in extra)) delete env[name];
  return env;
}

/**
 * Real `infiniroute` processes of one test file; `killAll()` (afterEach) ends what a failed test
 * left running, so no process outlives its test.
 */
export class CliProcesses {
  private readonly children: ChildProcess[] = [];

  private spawn(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.children.push(child);
    return child;
  }

  /** Runs a command to its end. */
  run(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<Ran> {
    const child = this.spawn(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  /** Starts `serve` with these arguments and resolves once it printed both URLs to open. */
  serve(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<Served> {
    const child = this.spawn(['serve', ...args], env);
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const output = () => ({ stdout, stderr });
    const stop = () => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exited;
    };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not print its URLs in time: ${stderr}`)), START_TIMEOUT_MS);
      child.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
        // Both URL lines, not just the first: a loaded machine may deliver them in separate chunks.
        const open = /^Open: ((http:\/\/[^/\s]+)\/\S*)$/m.exec(stdout);
        if (open && /^Producer console: \S+$/m.test(stdout)) {
          clearTimeout(timer);
          resolve({ child, base: open[2]!, openUrl: open[1]!, output, stop });
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`serve exited (${code}) before it printed its URLs: ${stderr}`));
      });
    });
  }

  async killAll(): Promise<void> {
    for (const child of this.children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
    }
  }
}
