import type { CatalogItem } from '../../../src-shared/catalog';
import { useClient } from '../client/ClientContext';
import { ConfirmButton } from '../shell/ConfirmButton';

/** Retiring is signed and final for routing, so it asks first. */
export function RetireControl({ item }: { item: CatalogItem }) {
  const client = useClient();
  if (item.retired) return null;
  return (
    <ConfirmButton
      label="Retire"
      confirmLabel="Retire model"
      busyLabel="Retiring…"
      title={`Retire ${item.name}?`}
      question={
        <>
          Retire <strong>{item.name}</strong>? It stays in the history but is no longer listed or routed to. This is signed with your key.
        </>
      }
      action={() => client.call('models.retire', { modelId: item.id })}
      testId="retire"
    />
  );
}
