import type { EventName, EventPayload } from '../../../src-shared/contract';

const EVERY_MS = 100;

/**
 * Sync changes many things at once (a first sync touches 10k models): events to the windows are
 * coalesced to at most one per kind every 100 ms, each carrying the state at the time it is sent,
 * so a window re-renders ten times a second at most instead of once per record.
 */
export class SyncEvents {
  private readonly models = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void,
    private readonly snapshots: {
      catalogTotal(): number;
      changed(): EventPayload<'sync.changed'>;
      progress(): EventPayload<'sync.progress'>;
    },
  ) {}

  modelsChanged(ids: readonly string[]): void {
    if (ids.length === 0) return;
    for (const id of ids) this.models.add(id);
    this.later('catalog', () => {
      const ids = [...this.models];
      this.models.clear();
      this.emit('catalog.changed', { modelIds: ids.slice(0, 1_000), total: this.snapshots.catalogTotal() });
    });
  }

  syncChanged(): void {
    this.later('sync', () => this.emit('sync.changed', this.snapshots.changed()));
  }

  progress(): void {
    this.later('progress', () => {
      const progress = this.snapshots.progress();
      this.emit('sync.progress', progress);
      // Keep reporting while it runs: the final report (active false) tells a progress bar to go.
      if (progress.active) this.progress();
    });
  }

  private later(kind: string, send: () => void): void {
    if (this.closed || this.timers.has(kind)) return;
    const timer = setTimeout(() => {
      this.timers.delete(kind);
      if (!this.closed) send();
    }, EVERY_MS);
    timer.unref();
    this.timers.set(kind, timer);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
