import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandInput, CommandName, CommandOutput } from '../../src-shared/contract';
import { Engine } from '../../src-main/engine/engine';
import { addressOf } from '../../src-main/engine/sync/invite';
import { LISTING } from '../catalog/helpers';
import { waitFor } from './processes';

export { waitFor };

/** In-process engines with peer sync on loopback; `cleanup()` (afterEach) closes and removes them. */
export class SyncFixture {
  private readonly dirs: string[] = [];
  private readonly engines = new Set<Engine>();

  async dir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ir-sync-'));
    this.dirs.push(dir);
    return dir;
  }

  /** An engine listening for peers on 127.0.0.1 (a free port unless given), online, without mDNS. */
  async peer(options: { dataDir?: string; port?: number; online?: boolean } = {}): Promise<Engine> {
    const engine = await Engine.open({ dataDir: options.dataDir ?? (await this.dir()), validate: true, dataKey: null });
    this.engines.add(engine);
    await engine.sync.listen('127.0.0.1', options.port ?? 0);
    if (options.online !== false) engine.sync.goOnline({ mdns: false });
    return engine;
  }

  async close(engine: Engine): Promise<void> {
    this.engines.delete(engine);
    await engine.close();
  }

  async cleanup(): Promise<void> {
    for (const engine of this.engines) await engine.close();
    this.engines.clear();
    for (const dir of this.dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  }
}

export function addressOfPeer(engine: Engine): string {
  const listening = engine.sync.connections.listening!;
  return addressOf(listening.host, listening.port);
}

export async function call<N extends CommandName>(engine: Engine, name: N, input: CommandInput<N> = {} as CommandInput<N>): Promise<CommandOutput<N>> {
  const answer = await engine.dispatch(name, input);
  if (!answer.ok) throw new Error(`${name} failed: ${answer.error.code} ${answer.error.message}`);
  return answer.result as CommandOutput<N>;
}

export async function failure(engine: Engine, name: CommandName, input: unknown): Promise<{ code: string; message: string }> {
  const answer = await engine.dispatch(name, input);
  if (answer.ok) throw new Error(`${name} unexpectedly succeeded`);
  return answer.error;
}

/** Waits until all engines hold the same accepted records (and nothing is left to verify). */
export async function inSync(engines: readonly Engine[], timeoutMs = 30_000): Promise<string> {
  return waitFor(
    'the engines to hold the same records',
    async () => {
      await Promise.all(engines.map((e) => e.sync.settled()));
      const digests = await Promise.all(engines.map(async (e) => (await call(e, 'sync.status')).digest));
      return digests.every((d) => d === digests[0]) ? digests[0]! : null;
    },
    timeoutMs,
    100,
  );
}

/** The catalog tests' listing; every use here gives it a slug of its own. */
export { LISTING };

export function listing(slug: string, inputPer1M = 1_000_000) {
  return { ...LISTING, slug, name: `Model ${slug}`, price: { inputPer1M, outputPer1M: inputPer1M * 2, perRequest: 0 } };
}
