import type { CatalogState } from '../catalog/catalog-state';

/**
 * Scheduled prices take effect on time: a timer wakes at the next effectiveFrom and the models
 * repriced since the last check are refreshed. Tests with an injected clock call tick() directly.
 */
export class PriceClock {
  private timer: NodeJS.Timeout | null = null;
  private upTo: number;
  private stopped = false;

  constructor(
    private readonly catalog: CatalogState,
    private readonly clock: () => number,
    private readonly refresh: (modelIds: string[]) => Promise<void>,
  ) {
    this.upTo = clock();
  }

  async tick(): Promise<void> {
    const now = this.clock();
    const ids = this.catalog.modelsRepricedBetween(this.upTo, now);
    this.upTo = now;
    if (ids.length > 0) await this.refresh(ids);
    this.schedule();
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.catalog.nextPriceChangeAfter(this.upTo);
    if (next === null || this.stopped) return;
    const delay = Math.min(Math.max(0, next - this.clock()) + 5, 2 ** 31 - 1);
    this.timer = setTimeout(() => void this.tick().catch((e: unknown) => console.error('repricing failed:', (e as Error).message)), delay);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
