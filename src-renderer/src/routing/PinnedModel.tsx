import { useCommand } from '../client/useCommand';
import { useUiStore } from '../state/ui-store';
import { taskOf } from './route-input';

/** "Use this model" in effect: the call goes to this model or fails; unpinning lets the router choose. */
export function PinnedModel({ id }: { id: string }) {
  const model = useCommand('catalog.get', { id }, ['catalog.changed']);
  const unpin = useUiStore((s) => s.unpinModel);
  const task = useUiStore((s) => taskOf(s.playground));
  const item = model.data;
  const fitsTask = !item || item.tasks.includes(task);
  return (
    <div className="pinned-model" data-testid="pinned-model" data-model-id={id} role="status">
      <span>
        Pinned to <strong data-testid="pinned-model-name">{item?.name ?? (model.error ? id : '…')}</strong>
        {item && <span className="muted"> by {item.producerName}</span>}: the router uses only this model (
        <code>constraints.pinnedModel</code>).
      </span>
      {!fitsTask && item && (
        <span className="field-error" data-testid="pinned-task-warning">
          It does not list the task {task}; it lists {item.tasks.join(', ')}.
        </span>
      )}
      <button type="button" className="button button-small" onClick={unpin} data-testid="unpin-model">
        Unpin
      </button>
    </div>
  );
}
