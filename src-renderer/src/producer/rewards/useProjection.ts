import type { Price } from '../../../../src-shared/money';
import { useDebouncedValue } from '../../catalog/useDebouncedValue';
import { useCommand } from '../../client/useCommand';
import { useKeepPrevious } from '../../client/useKeepPrevious';
import { REWARD_EVENTS } from '../../rewards/epochs';
import { POSITION_DEBOUNCE_MS } from '../pricing/usePosition';

const EVENTS = [...REWARD_EVENTS, 'catalog.changed'] as const;

/**
 * rewards.projection for a candidate price, asked once typing settles; the last answer for this
 * model and task stays shown while the next one is computed, so the table does not flicker.
 */
export function useProjection(modelId: string, price: Price | null, task: string | null) {
  const settled = useDebouncedValue(price ? JSON.stringify(price) : null, POSITION_DEBOUNCE_MS);
  const input = settled === null ? null : { modelId, candidate: JSON.parse(settled) as Price, ...(task ? { task } : {}) };
  const projection = useCommand('rewards.projection', input, EVENTS);
  const kept = useKeepPrevious(projection.data);
  const shown = kept && kept.modelId === modelId && (!task || kept.task === task) ? kept : undefined;
  return { shown, error: projection.error, loading: projection.loading, reload: projection.reload };
}
