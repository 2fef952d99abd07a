import { useRef, useState } from 'react';
import type { CommandOutput } from '../../../src-shared/contract';
import { producerOf } from '../../../src-shared/domain';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { useIdentityKey } from '../shell/HealthContext';
import { Thumb } from '../shell/icons';
import { useUiStore } from '../state/ui-store';

type Sent = CommandOutput<'feedback.submit'> & { up: boolean; note: string };

/**
 * After a vote: the feedback counts already; "Turn into a review" opens the write-review dialog
 * with this call's model and charge (feedback.submit returns it), so the review is verified usage.
 */
function FeedbackDone({ sent, modelName, task }: { sent: Sent; modelName: string; task: string }) {
  const me = useIdentityKey();
  const openReviewDialog = useUiStore((s) => s.openReviewDialog);
  const own = me !== null && producerOf(sent.modelId) === me;
  return (
    <div className="form-success feedback-done" role="status" data-testid="feedback-done" data-up={sent.up}>
      <span>
        <Thumb down={!sent.up} /> Feedback signed: it counts toward {modelName}&rsquo;s quality estimate for this task.
      </span>
      {own ? (
        <span className="muted" data-testid="feedback-own-model">
          You produce this model, so you cannot review it.
        </span>
      ) : (
        <button
          type="button"
          className="button button-small"
          onClick={() => openReviewDialog({ modelId: sent.modelId, task, ...(sent.chargeHash ? { chargeId: sent.chargeHash } : {}), ...(sent.note ? { text: sent.note } : {}) })}
          data-testid="feedback-to-review"
          data-model-id={sent.modelId}
          data-charge={sent.chargeHash ?? ''}
        >
          Turn into a review
        </button>
      )}
    </div>
  );
}

/**
 * Thumbs up / down on the answer (feedback.submit): signed, it moves the model's routing quality
 * estimate. One vote per answer; the optional note goes with it.
 */
export function Feedback({ decisionId, modelName, task }: { decisionId: string; modelName: string; task: string }) {
  const client = useClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  const noteInput = useRef<HTMLInputElement>(null);

  async function vote(up: boolean) {
    setBusy(true);
    setFailure(null);
    // The field itself holds what was typed last, even if a click lands before React re-rendered.
    const trimmed = (noteInput.current?.value ?? note).trim();
    try {
      const answer = await client.call('feedback.submit', { decisionId, up, ...(trimmed ? { note: trimmed } : {}) });
      setSent({ ...answer, up, note: trimmed });
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  if (sent !== null) return <FeedbackDone sent={sent} modelName={modelName} task={task} />;
  return (
    <div className="feedback" data-testid="feedback">
      <span className="muted">Was this answer good?</span>
      <button type="button" className="button button-small" disabled={busy} onClick={() => void vote(true)} data-testid="feedback-up">
        <Thumb /> Good
      </button>
      <button type="button" className="button button-small" disabled={busy} onClick={() => void vote(false)} data-testid="feedback-down">
        <Thumb down /> Bad
      </button>
      <input
        ref={noteInput}
        className="feedback-note"
        data-testid="feedback-note"
        placeholder="Note (optional), sent with your vote"
        aria-label="Feedback note (optional)"
        maxLength={500}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      {failure && (
        <span className="field-error" role="alert" data-testid="feedback-error">
          {failure.message} <code>{failure.code}</code>
        </span>
      )}
    </div>
  );
}
