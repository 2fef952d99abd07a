import { EmptyState } from '../shell/StatusViews';
import { WindowFrame } from '../shell/WindowFrame';
import { MyModelsScreen } from './MyModelsScreen';

const SCREENS = [{ id: 'my-models', label: 'My models' }] as const;

/** The producer console: the same engine and identity as the user window, seen as a seller. */
export function ProducerApp() {
  return (
    <WindowFrame windowName="Producer Console" screens={SCREENS}>
      {(health) =>
        health.marketplace === null ? (
          <EmptyState title="No marketplace is open yet." testId="no-marketplace">
            <p>
              Create a new marketplace or open the demo marketplace in the InfiniRoute user window. This console follows
              as soon as one exists.
            </p>
          </EmptyState>
        ) : (
          <MyModelsScreen producerKey={health.identity.publicKey} />
        )
      }
    </WindowFrame>
  );
}
