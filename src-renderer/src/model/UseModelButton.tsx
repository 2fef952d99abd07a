import { useUiStore } from '../state/ui-store';

/**
 * "Use this model": pins it for the Route playground (constraints.pinnedModel) and opens it. Not
 * offered for a retired or unpriced model: the router would refuse it anyway.
 */
export function UseModelButton({ item, variant = 'button' }: { item: { id: string; name: string; tasks: readonly string[]; retired: boolean; price: unknown }; variant?: 'button' | 'link' }) {
  const pinModel = useUiStore((s) => s.pinModel);
  if (item.retired || item.price === null) return null;
  return (
    <button
      type="button"
      className={variant === 'link' ? 'link-button' : 'button button-small button-primary'}
      onClick={() => pinModel(item.id, item.tasks)}
      data-testid="use-model"
      data-model-id={item.id}
      title={`Route the Playground's calls to ${item.name} only`}
    >
      {variant === 'link' ? 'use' : 'Use this model'}
    </button>
  );
}
