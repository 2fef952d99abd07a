import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../../src-shared/errors';
import { MAX_REVIEW_TEXT, type ReviewView } from '../../../../src-shared/reviews';
import { useClient } from '../../client/ClientContext';
import { asAppError } from '../../client/errors';
import { issuesByField } from '../../client/issues';
import { formatCount } from '../../format/numbers';
import { textCounter } from '../../reviews/review-form';
import { FormError } from '../../shell/FormError';

export function replyProblem(text: string): string | null {
  if (text.trim() === '') return 'Write a reply first.';
  if (text.length > MAX_REVIEW_TEXT) return `At most ${formatCount(MAX_REVIEW_TEXT)} characters: remove ${formatCount(text.length - MAX_REVIEW_TEXT)}.`;
  return null;
}

/**
 * The producer's signed reply under one review (reviews.reply). Replying again replaces the
 * shown reply (a higher seq); the review itself is never changed by it.
 */
export function ReplyForm({ review }: { review: ReviewView }) {
  const client = useClient();
  const [open, setOpen] = useState(review.reply === null);
  const [text, setText] = useState(review.reply?.text ?? '');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [done, setDone] = useState(false);
  const local = replyProblem(text);
  const problem = (tried || text.length > MAX_REVIEW_TEXT ? local : null) ?? issuesByField(failure, (path) => (path === 'text' ? 'text' : null)).text;
  const id = `reply-${review.hash.slice(0, 12)}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (local) return;
    setBusy(true);
    setFailure(null);
    try {
      await client.call('reviews.reply', { modelId: review.modelId, reviewer: review.reviewer, text: text.trim() });
      setDone(true);
      setOpen(false);
      setTried(false);
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <span className="reply-actions">
        {done && (
          <span className="form-success" role="status" data-testid="reply-done">
            Reply signed and published.
          </span>
        )}
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            setOpen(true);
            setDone(false);
          }}
          data-testid="reply-edit"
        >
          {review.reply || done ? 'Edit reply' : 'Reply'}
        </button>
      </span>
    );
  }
  return (
    <form className="reply-form" data-testid="reply-form" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={id} className="visually-hidden">
        Your reply
      </label>
      <textarea
        id={id}
        data-testid="reply-text"
        rows={3}
        placeholder="Reply as the producer: thank, explain, say what you changed."
        value={text}
        aria-invalid={problem !== null}
        onChange={(event) => {
          setText(event.target.value);
          setFailure(null);
        }}
      />
      <div className="reply-form-foot">
        <span className={`char-counter${text.length > MAX_REVIEW_TEXT ? ' over' : ''}`}>{textCounter(text)}</span>
        {problem && (
          <span className="field-error" data-testid="reply-text-error">
            {problem}
          </span>
        )}
        <span className="toolbar-spacer" />
        {review.reply && (
          <button type="button" className="button button-small" onClick={() => setOpen(false)} disabled={busy}>
            Cancel
          </button>
        )}
        <button type="submit" className="button button-small button-primary" disabled={busy} data-testid="reply-submit">
          {busy ? 'Signing…' : review.reply ? 'Update reply' : 'Publish reply'}
        </button>
      </div>
      {failure && <FormError error={failure} testId="reply-error" />}
    </form>
  );
}
