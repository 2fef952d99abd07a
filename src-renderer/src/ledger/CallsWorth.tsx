import { KNOWN_TASKS } from '../../../src-shared/domain';
import { useCommand } from '../client/useCommand';
import { formatCount, formatMoney, formatPrice } from '../format/numbers';
import { useUiStore } from '../state/ui-store';

/**
 * The median reference-call cost of a task: the middle model of the task's priced models sorted by
 * price (the engine sorts by the reference call), read with two one-row pages.
 */
function useMedianReferenceCost(task: string): number | null {
  const filters = { task };
  const count = useCommand('catalog.list', { filters, sort: 'price', limit: 1 }, ['catalog.changed']);
  const total = count.data?.total ?? null;
  const middle = useCommand('catalog.list', total ? { filters, sort: 'price', offset: Math.floor((total - 1) / 2), limit: 1 } : null, ['catalog.changed']);
  return middle.data?.items[0]?.referenceCost ?? null;
}

/** "≈ N calls": what a balance buys at the median reference call of the task being looked at. */
export function CallsWorth({ balance }: { balance: number }) {
  const chosen = useUiStore((s) => s.catalog.task ?? s.playground.task);
  const task = chosen && (KNOWN_TASKS as readonly string[]).includes(chosen) ? chosen : 'chat';
  const median = useMedianReferenceCost(task);
  if (median === null || median <= 0) return null;
  // Integer division of integers: whole calls, no floating point on money.
  const calls = Math.floor(Math.max(0, balance) / median);
  return (
    <p
      className="calls-worth"
      data-testid="wallet-calls"
      title={`At the median reference call of ${task}: ${formatMoney(median)} (1,000 input + 500 output tokens). Your calls cost what their tokens cost.`}
    >
      ≈ {formatCount(calls)} {task} calls <span className="muted">at {formatPrice(median)} each</span>
    </p>
  );
}
