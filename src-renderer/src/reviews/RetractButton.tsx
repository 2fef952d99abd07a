import { useClient } from '../client/ClientContext';
import { ConfirmButton } from '../shell/ConfirmButton';

/** Retracting is signed and public (the review stays in history, no longer shown or counted): ask first. */
export function RetractButton({ modelId, name }: { modelId: string; name: string }) {
  const client = useClient();
  return (
    <ConfirmButton
      label="Retract"
      confirmLabel="Retract review"
      busyLabel="Retracting…"
      title={`Retract your review of ${name}?`}
      question={
        <>
          Retract your review of <strong>{name}</strong>? It stays in the signed history but is no longer shown or counted.
        </>
      }
      action={() => client.call('reviews.retract', { modelId })}
      testId="retract"
      triggerTestId="retract-review"
    />
  );
}
