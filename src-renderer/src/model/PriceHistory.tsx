import { useState } from 'react';
import type { PriceChange } from '../../../src-shared/pricing';
import { PriceStepChart } from '../charts/PriceStepChart';
import { useCommand } from '../client/useCommand';
import { InlineError } from '../shell/InlineError';

/**
 * The chart's "now": when the view mounted, moved up to the start of the price in force (which the
 * engine says has come), so a price set a moment ago is never drawn as scheduled.
 */
export function chartNow(changes: readonly PriceChange[], mountedAt: number): number {
  return Math.max(mountedAt, ...changes.filter((c) => c.current).map((c) => c.effectiveFrom));
}

/** pricing.history of one model, re-read whenever the catalog changes (a new price is a catalog change). */
export function usePriceHistory(modelId: string) {
  return useCommand('pricing.history', { modelId }, ['catalog.changed']);
}

export function PriceHistory({ modelId }: { modelId: string }) {
  const history = usePriceHistory(modelId);
  const [mountedAt] = useState(() => Date.now());
  if (history.error && !history.loading) return <InlineError error={history.error} onRetry={history.reload} testId="price-history-error" />;
  if (!history.data) return <p className="muted">Loading price history…</p>;
  if (history.data.length === 0) return <p className="muted" data-testid="price-history-empty">Never priced.</p>;
  return <PriceStepChart changes={history.data} now={chartNow(history.data, mountedAt)} />;
}
