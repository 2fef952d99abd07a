import { useUiStore } from '../state/ui-store';
import { CompareToggle } from './CompareToggle';
import { ModelDetail } from './ModelDetail';
import { UseModelButton } from './UseModelButton';

/** The user window's quick preview of a model beside a list (the full page is ModelPage) that selects the model: use it in the playground, or compare it. */
export function UserModelDetail() {
  const selectedId = useUiStore((s) => s.selectedModelId);
  const selectModel = useUiStore((s) => s.selectModel);
  const openModel = useUiStore((s) => s.openModel);
  if (selectedId === null) return null;
  return (
    <ModelDetail
      id={selectedId}
      onClose={() => selectModel(null)}
      actions={(item) => (
        <>
          <button type="button" className="button button-small" onClick={() => openModel(item.id)} data-testid="open-model-page">
            Open model page
          </button>
          <UseModelButton item={item} />
          <CompareToggle id={item.id} />
        </>
      )}
    />
  );
}
