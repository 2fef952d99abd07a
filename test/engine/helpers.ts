import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CatalogItem } from '../../src-shared/catalog';
import type { ErrorShape } from '../../src-shared/errors';
import type { Answer } from '../../src-shared/answer';
import { Engine } from '../../src-main/engine/engine';

/** Temp folders and engines a test made; `cleanup()` (in afterEach) closes and removes them all. */
export class Fixture {
  private readonly dirs: string[] = [];
  private readonly engines = new Set<Engine>();

  async tempDir(prefix = 'infiniroute-test-'): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  async open(dataDir?: string): Promise<Engine> {
    const engine = await Engine.open({ dataDir: dataDir ?? (await this.tempDir()), validate: true });
    this.engines.add(engine);
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

/** The result of a command that must succeed. */
export async function ok<T = unknown>(engine: Engine, name: string, input: unknown = {}): Promise<T> {
  const answer = await engine.dispatch(name, input);
  if (!answer.ok) throw new Error(`${name} failed: ${answer.error.code} ${answer.error.message}`);
  return answer.result as T;
}

/** The error of a command that must fail. */
export async function fail(engine: Engine, name: string, input: unknown = {}): Promise<ErrorShape> {
  const answer: Answer = await engine.dispatch(name, input);
  expect(answer.ok, `${name} was expected to fail`).toBe(false);
  return (answer as Extract<Answer, { ok: false }>).error;
}

export interface Health {
  identity: { publicKey: string; deviceKey: string; producerKey: string; demoProducer: boolean };
  marketplace: { id: string; name: string; feeBps: number; epochSeconds: number; graceSeconds: number; isTreasury: boolean } | null;
  counts: { producers: number; models: number; records: number; quarantined: number };
}

export interface ListResult {
  total: number;
  items: CatalogItem[];
}

/** Every model of the catalog (the demo holds 64, far below the 500 page limit). */
export async function everything(engine: Engine, extra: Record<string, unknown> = {}): Promise<ListResult> {
  return ok<ListResult>(engine, 'catalog.list', { limit: 500, ...extra });
}
