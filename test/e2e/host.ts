import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/infiniroute.mjs');

export interface Host {
  dataDir: string;
  url: string;
  token: string;
  userUrl: string;
  producerUrl: string;
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

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`serve did not print its URL: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /Open: (http:\/\/[^/\s]+)\/user\.html\?token=(\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    });
    child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
  });
}

/** A real `infiniroute serve` on a fresh data folder (optionally seeded with the demo). */
export async function startHost(options: { demo: boolean; dataDir?: string }): Promise<Host> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ir-e2e-')));
  if (options.demo) await run(['seed', '--demo', '--data', dataDir]);
  const token = `e2e-${Math.random().toString(36).slice(2)}`;
  const child = spawn(process.execPath, [CLI, 'serve', '--data', dataDir, '--port', '0', '--token', token], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await waitForUrl(child);
  return {
    dataDir,
    url,
    token,
    userUrl: `${url}/user.html?token=${token}`,
    producerUrl: `${url}/producer.html?token=${token}`,
    async stop() {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
