import { MAX_COMPARE, useUiStore } from '../state/ui-store';

/** "Add to compare" on the model page: the same selection the catalog checkboxes edit. */
export function CompareToggle({ id }: { id: string }) {
  const added = useUiStore((s) => s.compareIds.includes(id));
  const full = useUiStore((s) => s.compareIds.length >= MAX_COMPARE);
  const toggleCompare = useUiStore((s) => s.toggleCompare);
  return (
    <button
      type="button"
      className={`button button-small${added ? ' button-on' : ''}`}
      aria-pressed={added}
      disabled={!added && full}
      title={!added && full ? `At most ${MAX_COMPARE} models can be compared` : undefined}
      data-testid="compare-toggle"
      onClick={() => toggleCompare(id)}
    >
      {added ? '✓ In compare' : 'Add to compare'}
    </button>
  );
}
