import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandInput, CommandName, CommandOutput } from '../../src-shared/contract';
import type { ErrorShape } from '../../src-shared/errors';
import { Engine } from '../../src-main/engine/engine';

export interface TestEngine {
  engine: Engine;
  dir: string;
  call<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  fail(name: CommandName, input: unknown): Promise<ErrorShape>;
  close(): Promise<void>;
}

/** A real engine on a temp folder; `call` unwraps results, `fail` expects and returns an error. */
export async function openTestEngine(options: { clock?: () => number; dir?: string } = {}): Promise<TestEngine> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'ir-test-')));
  const engine = await Engine.open({ dataDir: dir, validate: true, clock: options.clock });
  return {
    engine,
    dir,
    async call(name, input) {
      const answer = await engine.dispatch(name, input);
      if (!answer.ok) throw new Error(`${name} failed: ${answer.error.code} ${answer.error.message}`);
      return answer.result as never;
    },
    async fail(name, input) {
      const answer = await engine.dispatch(name, input);
      if (answer.ok) throw new Error(`${name} unexpectedly succeeded`);
      return answer.error;
    },
    async close() {
      await engine.close();
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export const LISTING = {
  slug: 'contract-reader',
  name: 'Contract Reader',
  description: 'Reads contracts',
  tasks: ['legal', 'extraction'],
  industries: ['legal'],
  modality: 'text' as const,
  contextWindow: 32_768,
  endpoint: { baseUrl: 'http://127.0.0.1:5318/v1', model: 'contract-reader' },
  version: '1.0.0',
  claimed: { accuracyBps: { legal: 8_800, extraction: 8_100 }, latencyP50Ms: 400, latencyP95Ms: 900, successRateBps: 9_900, throughputTps: 80 },
};
