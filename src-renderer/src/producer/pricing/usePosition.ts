import type { Price } from '../../../../src-shared/money';
import { useDebouncedValue } from '../../catalog/useDebouncedValue';
import { useCommand } from '../../client/useCommand';
import { useKeepPrevious } from '../../client/useKeepPrevious';

export const POSITION_DEBOUNCE_MS = 300;

/**
 * The live market position while a price is typed: the candidate reaches pricing.position once
 * typing pauses, and the last answer stays on screen until the next one arrives.
 */
export function usePosition(modelId: string, task: string | null, candidate: Price | null) {
  const settled = useDebouncedValue(candidate ? JSON.stringify(candidate) : null, POSITION_DEBOUNCE_MS);
  const input = { modelId, ...(task ? { task } : {}), ...(settled ? { candidate: JSON.parse(settled) as Price } : {}) };
  const position = useCommand('pricing.position', input, ['catalog.changed']);
  const shown = useKeepPrevious(position.data);
  // A position for another task is not "previous" for this one.
  const data = shown && (task === null || shown.task === task) && shown.modelId === modelId ? shown : undefined;
  return { data, error: position.error, loading: position.loading, reload: position.reload };
}
