import { useMemo } from 'react';
import { useCommand } from '../client/useCommand';
import type { ProducerMode } from '../state/playground-view';
import { useUiStore } from '../state/ui-store';
import { taskOf } from './route-input';

/** The producers of the task's first 500 models by name: the ones a call for this task could reach. */
function useTaskProducers(task: string) {
  const list = useCommand('catalog.list', { filters: { task }, sort: 'name', limit: 500 }, ['catalog.changed']);
  const producers = useMemo(() => {
    const seen = new Map<string, string>();
    for (const item of list.data?.items ?? []) seen.set(item.producerKey, item.producerName);
    return [...seen].map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name));
  }, [list.data]);
  return { producers, loading: !list.data && !list.error, error: list.error };
}

/** Allowed or denied producers: one list, and whether it is the only ones allowed or the ones left out. */
export function ProducerConstraint() {
  const text = useUiStore((s) => s.playground);
  const setPlayground = useUiStore((s) => s.setPlayground);
  const task = taskOf(text);
  const { producers, loading, error } = useTaskProducers(task);
  const toggle = (key: string) =>
    setPlayground({ producers: text.producers.includes(key) ? text.producers.filter((k) => k !== key) : [...text.producers, key] });
  return (
    <div className="field producer-constraint">
      <label htmlFor="pg-producer-mode">Producers</label>
      <select id="pg-producer-mode" data-testid="pg-producer-mode" value={text.producerMode} onChange={(e) => setPlayground({ producerMode: e.target.value as ProducerMode })}>
        <option value="any">Any producer</option>
        <option value="allow">Only the ticked producers</option>
        <option value="deny">Not the ticked producers</option>
      </select>
      {text.producerMode !== 'any' && (
        <div className="producer-options" data-testid="pg-producers">
          {loading && <span className="muted">Loading the producers of {task}…</span>}
          {error && <span className="field-error">Producers unavailable: {error.message}</span>}
          {!loading && !error && producers.length === 0 && <span className="muted">No producer lists {task}.</span>}
          {producers.map((p) => (
            <label key={p.key} className="checkbox-field" title={p.key}>
              <input type="checkbox" checked={text.producers.includes(p.key)} onChange={() => toggle(p.key)} data-testid="pg-producer" data-key={p.key} />
              {p.name}
            </label>
          ))}
          {text.producers.length === 0 && !loading && producers.length > 0 && <span className="field-hint">Tick at least one, or the list has no effect.</span>}
        </div>
      )}
    </div>
  );
}
