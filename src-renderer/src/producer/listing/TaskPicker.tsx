import { useState } from 'react';
import { KNOWN_TASKS } from '../../../../src-shared/domain';

const TASK = /^[a-z][a-z0-9-]{0,31}$/;

/** The tasks everyone's filters know, plus any the producer names (lowercase, like the contract). */
export function TaskPicker({ tasks, onChange, problem }: { tasks: string[]; onChange(tasks: string[]): void; problem?: string }) {
  const [custom, setCustom] = useState('');
  const [customProblem, setCustomProblem] = useState<string | null>(null);
  const known: readonly string[] = KNOWN_TASKS;
  const extra = tasks.filter((task) => !known.includes(task));
  const toggle = (task: string) => onChange(tasks.includes(task) ? tasks.filter((t) => t !== task) : [...tasks, task]);

  function addCustom() {
    const task = custom.trim();
    if (!TASK.test(task)) {
      setCustomProblem('A task name is a lowercase word: letters, digits and dashes, e.g. contract-review.');
      return;
    }
    if (!tasks.includes(task)) onChange([...tasks, task]);
    setCustom('');
    setCustomProblem(null);
  }

  return (
    <fieldset className="field task-picker" data-testid="listing-tasks" aria-invalid={Boolean(problem)}>
      <legend>Tasks</legend>
      <div className="task-options">
        {[...known, ...extra].map((task) => (
          <label key={task} className="task-option">
            <input type="checkbox" checked={tasks.includes(task)} onChange={() => toggle(task)} data-testid={`listing-task-${task}`} />
            {task}
          </label>
        ))}
      </div>
      <div className="field-input">
        <input
          aria-label="Another task"
          placeholder="another task, e.g. contract-review"
          data-testid="listing-task-custom"
          value={custom}
          aria-invalid={customProblem !== null}
          onChange={(event) => setCustom(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              addCustom();
            }
          }}
        />
        <button type="button" className="button button-small" onClick={addCustom} data-testid="listing-task-add">
          Add task
        </button>
      </div>
      {(customProblem || problem) && (
        <p className="field-error" data-testid="listing-tasks-error">
          {customProblem || problem}
        </p>
      )}
    </fieldset>
  );
}
