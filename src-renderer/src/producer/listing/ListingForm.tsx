import { useRef, useState, type FormEvent } from 'react';
import type { CatalogItem } from '../../../../src-shared/catalog';
import { MODALITIES } from '../../../../src-shared/domain';
import type { AppError } from '../../../../src-shared/errors';
import { useClient } from '../../client/ClientContext';
import { asAppError } from '../../client/errors';
import { issuesByField } from '../../client/issues';
import { FormError } from '../../shell/FormError';
import { FormField } from '../../shell/FormField';
import { buildPublishInput, emptyListing, listingFieldOf, listingFromItem, measuredFields, slugFromName, type ListingValues, type Modality } from './listing-form';
import { TaskPicker } from './TaskPicker';

type TextKey = Exclude<keyof ListingValues, 'tasks' | 'accuracy' | 'modality'>;

/**
 * Publish a new listing or sign a new version of one of ours (models.publish). Everything is
 * checked here first with the contract's own rules; whatever the engine still refuses is shown on
 * the field its issue path names.
 */
export function ListingForm({ item, onDone, onCancel }: { item: CatalogItem | null; onDone(item: CatalogItem): void; onCancel(): void }) {
  const client = useClient();
  const mode = item ? 'edit' : 'new';
  const [values, setValues] = useState<ListingValues>(() => (item ? listingFromItem(item) : emptyListing()));
  const [slugTouched, setSlugTouched] = useState(item !== null);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const built = buildPublishInput(values, mode);
  const local = submitted && !built.ok ? built.problems : {};
  const remote = issuesByField(failure, listingFieldOf);
  const problem = (key: string): string | undefined => local[key] ?? remote[key];
  const [measured] = useState(() => (item ? measuredFields(item) : new Set<string>()));
  const MEASURED_HINT = 'Starts from the measured figure users see; enter your own claim if it differs.';
  const hintOf = (key: string, hint?: string) => (measured.has(key) ? MEASURED_HINT : hint);

  const set = (patch: Partial<ListingValues>) => setValues((v) => ({ ...v, ...patch }));
  function onName(name: string) {
    set(slugTouched ? { name } : { name, slug: slugFromName(name) });
  }

  function text(key: TextKey, label: string, options: { hint?: string; unit?: string; placeholder?: string; inputMode?: 'decimal' | 'numeric' | 'url' } = {}) {
    const id = `listing-${key}`;
    return (
      <FormField id={id} label={label} hint={hintOf(key, options.hint)} unit={options.unit} problem={problem(key)}>
        <input
          id={id}
          data-testid={id}
          value={values[key]}
          placeholder={options.placeholder}
          inputMode={options.inputMode}
          aria-invalid={Boolean(problem(key))}
          onChange={(event) => (key === 'name' ? onName(event.target.value) : set({ [key]: event.target.value }))}
        />
      </FormField>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    // Take the producer to the first field to fix, once the problems are rendered.
    const focusProblem = () => requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    if (!built.ok) {
      focusProblem();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      onDone(await client.call('models.publish', built.input));
    } catch (error) {
      setFailure(asAppError(error));
      setBusy(false);
      focusProblem();
    }
  }

  return (
    <form ref={formRef} className="listing-form" data-testid="listing-form" data-mode={mode} onSubmit={(event) => void submit(event)} noValidate>
      <header className="form-header">
        <h1 className="screen-title">{item ? `Edit ${item.name}` : 'New model'}</h1>
        <p className="muted">
          {item
            ? 'Saving signs a new version of this listing with your key; every user sees it at once.'
            : 'Publishing signs this listing with your key: anyone can check it is yours, and every user of the marketplace sees it.'}
        </p>
      </header>
      <div className="form-columns">
        <section className="card form-section">
          <h2>Listing</h2>
          {text('name', 'Name', { placeholder: 'Helpdesk Triage 7B' })}
          {item ? (
            <p className="field-hint">
              Slug <code>{item.slug}</code> (fixed: it is part of the model id)
            </p>
          ) : (
            <FormField id="listing-slug" label="Slug" hint="Part of the model id; cannot change later." problem={problem('slug')}>
              <input
                id="listing-slug"
                data-testid="listing-slug"
                value={values.slug}
                aria-invalid={Boolean(problem('slug'))}
                onChange={(event) => {
                  setSlugTouched(true);
                  set({ slug: event.target.value });
                }}
              />
            </FormField>
          )}
          <FormField id="listing-description" label="Description" problem={problem('description')}>
            <textarea
              id="listing-description"
              data-testid="listing-description"
              rows={4}
              value={values.description}
              onChange={(event) => set({ description: event.target.value })}
            />
          </FormField>
          <TaskPicker tasks={values.tasks} onChange={(tasks) => set({ tasks })} problem={problem('tasks')} />
          {text('industries', 'Industries', { hint: 'Comma-separated, e.g. retail, saas.', placeholder: 'retail, saas' })}
          <FormField id="listing-modality" label="Modality" problem={problem('modality')}>
            <select
              id="listing-modality"
              data-testid="listing-modality"
              value={values.modality}
              onChange={(event) => set({ modality: event.target.value as Modality })}
            >
              {MODALITIES.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </FormField>
          {text('contextWindow', 'Context window', { unit: 'tokens', inputMode: 'numeric' })}
        </section>
        <section className="card form-section">
          <h2>Endpoint</h2>
          {text('baseUrl', 'Base URL', { hint: 'OpenAI-compatible: calls go to <base URL>/chat/completions.', placeholder: 'https://api.example.com/v1', inputMode: 'url' })}
          {text('endpointModel', 'Model name at the endpoint', { placeholder: 'helpdesk-triage-7b' })}
          {text('version', 'Version')}
          <h2>Claimed metrics</h2>
          <p className="field-hint">Shown with a “claimed” badge until someone else measures them.</p>
          {values.tasks.length === 0 && <p className="muted">Pick a task to claim its accuracy.</p>}
          {values.tasks.map((task) => {
            const id = `listing-accuracy-${task}`;
            return (
              <FormField key={task} id={id} label={`Accuracy · ${task}`} unit="%" hint={hintOf(`accuracy.${task}`)} problem={problem(`accuracy.${task}`)}>
                <input
                  id={id}
                  data-testid={id}
                  inputMode="decimal"
                  value={values.accuracy[task] ?? ''}
                  aria-invalid={Boolean(problem(`accuracy.${task}`))}
                  onChange={(event) => set({ accuracy: { ...values.accuracy, [task]: event.target.value } })}
                />
              </FormField>
            );
          })}
          <div className="field-row">
            {text('latencyP50', 'Latency p50', { unit: 'ms', inputMode: 'numeric' })}
            {text('latencyP95', 'Latency p95', { unit: 'ms', inputMode: 'numeric' })}
          </div>
          <div className="field-row">
            {text('successRate', 'Success rate', { unit: '%', inputMode: 'decimal' })}
            {text('throughput', 'Throughput', { unit: 'tokens/s', inputMode: 'numeric' })}
          </div>
          {!item && (
            <>
              <h2>First price (optional)</h2>
              <p className="field-hint">In credits. Leave empty to publish unpriced and price it later in Pricing.</p>
              <div className="field-row">
                {text('priceIn', 'Input per 1M tokens', { unit: 'cr', inputMode: 'decimal' })}
                {text('priceOut', 'Output per 1M tokens', { unit: 'cr', inputMode: 'decimal' })}
              </div>
              {text('priceRequest', 'Per request', { unit: 'cr', inputMode: 'decimal', placeholder: '0' })}
            </>
          )}
        </section>
      </div>
      {failure && <FormError error={failure} testId="listing-error" />}
      {submitted && !built.ok && (
        <p className="field-error" role="alert" data-testid="listing-invalid">
          Fix the {Object.keys(built.problems).length === 1 ? 'field' : `${Object.keys(built.problems).length} fields`} marked in red.
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel} data-testid="listing-cancel">
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy} data-testid="listing-submit">
          {busy ? 'Signing…' : item ? 'Save new version' : 'Publish model'}
        </button>
      </div>
    </form>
  );
}
