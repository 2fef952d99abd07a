import { useState, type FormEvent } from 'react';
import type { CatalogItem } from '../../../src-shared/catalog';
import type { CommandOutput } from '../../../src-shared/contract';
import type { AppError } from '../../../src-shared/errors';
import type { ReviewView } from '../../../src-shared/reviews';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { issuesByField } from '../client/issues';
import { formatMoney } from '../format/numbers';
import { formatDateTime } from '../format/time';
import { FormError } from '../shell/FormError';
import { FormField } from '../shell/FormField';
import type { ReviewSeed } from '../state/ui-store';
import { RatingInput } from './RatingInput';
import { buildReviewInput, initialDraft, reviewFieldOf, textCounter, type ReviewDraft } from './review-form';

export type Charge = CommandOutput<'ledger.entries'>['items'][number];

/** "Nov 25, 2026, 1:42 PM · 0.000945 cr": enough to recognise the call, short enough for a select. */
export function chargeLabel(charge: Charge): string {
  const cost = charge.memo?.cost ?? (charge.amount === null ? null : -charge.amount);
  return `${formatDateTime(charge.ts)}${cost === null ? '' : ` · ${formatMoney(cost)}`}`;
}

/**
 * Rating, text, task and the charge that makes the review "verified usage". Local problems show
 * as you go (the text counter at once, the rating once you try to publish); the engine's refusals
 * land on the field they name.
 */
export function ReviewForm({
  item,
  charges,
  existing,
  seed,
  onPublished,
  onCancel,
}: {
  item: CatalogItem;
  charges: readonly Charge[];
  existing: ReviewView | null;
  seed: ReviewSeed;
  onPublished(review: ReviewView): void;
  onCancel(): void;
}) {
  const client = useClient();
  const [draft, setDraft] = useState<ReviewDraft>(() => initialDraft(seed, existing, charges.map((c) => c.hash), item.tasks));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const { input, problems } = buildReviewInput(item.id, draft);
  const remote = issuesByField(failure, reviewFieldOf);
  const shown = { ...remote, ...(tried ? problems : { text: problems.text }) };
  const tooLong = problems.text !== undefined;

  function edit(patch: Partial<ReviewDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setFailure(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (!input) return;
    setBusy(true);
    setFailure(null);
    try {
      onPublished(await client.call('reviews.submit', input));
    } catch (error) {
      setFailure(asAppError(error));
      setBusy(false);
    }
  }

  return (
    <form className="form-section review-form" data-testid="review-form" onSubmit={(event) => void submit(event)} noValidate>
      <RatingInput value={draft.rating} onChange={(rating) => edit({ rating })} problem={shown.rating} />
      <FormField id="review-text" label="Review" problem={shown.text} hint="Plain text. What did you use it for, and how did it do?">
        <textarea
          id="review-text"
          data-testid="review-text-input"
          rows={6}
          value={draft.text}
          aria-invalid={shown.text !== undefined}
          aria-describedby="review-text-help review-text-counter"
          onChange={(event) => edit({ text: event.target.value })}
        />
      </FormField>
      <p id="review-text-counter" className={`char-counter${tooLong ? ' over' : ''}`} data-testid="review-text-counter" aria-live="polite">
        {textCounter(draft.text)}
      </p>
      <div className="field-row">
        <FormField id="review-task" label="Task" problem={shown.task} hint="Which of its tasks you used it for.">
          <select id="review-task" data-testid="review-task-select" value={draft.task} onChange={(event) => edit({ task: event.target.value })}>
            <option value="">Not specified</option>
            {item.tasks.map((task) => (
              <option key={task} value={task}>
                {task}
              </option>
            ))}
          </select>
        </FormField>
        <FormField
          id="review-charge"
          label="Link my charge"
          problem={shown.chargeId}
          hint={charges.length === 0 ? 'No call of yours to this model was charged yet: the review will show as unverified.' : 'A verified review weighs 1 in the average, an unverified one 0.2.'}
        >
          <select id="review-charge" data-testid="review-charge-select" value={draft.chargeId} onChange={(event) => edit({ chargeId: event.target.value })}>
            <option value="">Not linked (unverified)</option>
            {charges.map((charge) => (
              <option key={charge.hash} value={charge.hash}>
                {chargeLabel(charge)}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      {failure && <FormError error={failure} testId="review-error" />}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy} data-testid="review-cancel">
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy} data-testid="review-submit">
          {busy ? 'Signing…' : existing ? 'Save changes' : 'Publish review'}
        </button>
      </div>
    </form>
  );
}
