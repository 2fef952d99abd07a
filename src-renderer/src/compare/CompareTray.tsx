import { useCommand } from '../client/useCommand';
import { MAX_COMPARE, MIN_COMPARE, useUiStore } from '../state/ui-store';

/** The tray keeps ids only; the name comes from the engine like every other figure. */
function TrayChip({ id }: { id: string }) {
  const model = useCommand('catalog.get', { id });
  const toggleCompare = useUiStore((s) => s.toggleCompare);
  const name = model.data?.name ?? (model.error ? 'unavailable model' : '…');
  return (
    <span className="tray-chip" data-testid="compare-tray-item" data-model-id={id}>
      {name}
      <button type="button" className="icon-button" aria-label={`Remove ${name} from compare`} onClick={() => toggleCompare(id)}>
        ×
      </button>
    </span>
  );
}

/** Under the catalog while models are picked: what is picked, and the way to the Compare screen. */
export function CompareTray() {
  const ids = useUiStore((s) => s.compareIds);
  const clearCompare = useUiStore((s) => s.clearCompare);
  const showScreen = useUiStore((s) => s.showScreen);
  if (ids.length === 0) return null;
  const ready = ids.length >= MIN_COMPARE;
  return (
    <div className="compare-tray" data-testid="compare-tray" role="region" aria-label="Models to compare">
      <span className="tray-count">
        Compare {ids.length} of {MAX_COMPARE}
      </span>
      <span className="tray-items">
        {ids.map((id) => (
          <TrayChip key={id} id={id} />
        ))}
      </span>
      {!ready && <span className="muted">Pick at least {MIN_COMPARE}.</span>}
      <button type="button" className="button button-small" onClick={clearCompare} data-testid="compare-clear">
        Clear
      </button>
      <button type="button" className="button button-primary" disabled={!ready} onClick={() => showScreen('compare')} data-testid="compare-open">
        Compare
      </button>
    </div>
  );
}
