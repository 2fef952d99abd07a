import { useUiStore } from '../state/ui-store';
import { CompareToggle } from './CompareToggle';
import { ModelDetail } from './ModelDetail';
import { UseModelButton } from './UseModelButton';

/** The user window's model page beside a list that selects the model: use it in the playground, or compare it. */
export function UserModelDetail() {
  const selectedId = useUiStore((s) => s.selectedModelId);
  const selectModel = useUiStore((s) => s.selectModel);
  if (selectedId === null) return null;
  return (
    <ModelDetail
      id={selectedId}
      onClose={() => selectModel(null)}
      actions={(item) => (
        <>
          <UseModelButton item={item} />
          <CompareToggle id={item.id} />
        </>
      )}
    />
  );
}
