import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RoutingSettingsSchema, type RoutingSettings } from '../../../src-shared/routing';
import { writeAtomically } from '../store/atomic-file';

/** Defaults: best value, price and quality weighed alike, LiteLLM-like retry and fallback. */
export const DEFAULT_ROUTING: RoutingSettings = {
  strategy: 'best-value',
  weights: { quality: 40, price: 40, latency: 10, reliability: 10 },
  budgets: { dailyMicro: null, monthlyMicro: null },
  timeoutMs: 30_000,
  retries: 1,
  maxFallbacks: 3,
  explorationBps: 1_000,
};

/** Local routing settings (strategy, weights, budgets, timeouts), shared by every window. */
export class RoutingSettingsStore {
  private constructor(
    private readonly path: string,
    private current: RoutingSettings,
  ) {}

  static async open(dataDir: string): Promise<RoutingSettingsStore> {
    const path = join(dataDir, 'routing.json');
    let current = DEFAULT_ROUTING;
    try {
      const parsed = RoutingSettingsSchema.safeParse({ ...DEFAULT_ROUTING, ...JSON.parse(await readFile(path, 'utf8')) });
      if (parsed.success) current = parsed.data;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
    }
    return new RoutingSettingsStore(path, frozen(current));
  }

  /** Frozen, so every call shares it: a routed call reads it first thing, and a copy cost ~30 µs. */
  get(): RoutingSettings {
    return this.current;
  }

  async update(patch: Partial<RoutingSettings>): Promise<RoutingSettings> {
    const next = RoutingSettingsSchema.parse({ ...this.current, ...patch });
    await writeAtomically(this.path, JSON.stringify(next, null, 2));
    this.current = frozen(next);
    return this.get();
  }
}

function frozen(settings: RoutingSettings): RoutingSettings {
  return Object.freeze({ ...settings, weights: Object.freeze({ ...settings.weights }), budgets: Object.freeze({ ...settings.budgets }) });
}
