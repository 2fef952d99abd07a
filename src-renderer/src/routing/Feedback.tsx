import { useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';

/** A thumb drawn inline: emoji glyphs are missing from many desktop fonts. */
function Thumb({ down = false }: { down?: boolean }) {
  return (
    <svg className="thumb" viewBox="0 0 24 24" aria-hidden="true" style={down ? { transform: 'rotate(180deg)' } : undefined}>
      <path d="M2 10h4v12H2zM22 11c0-1.1-.9-2-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 2 7.6 7.6C7.2 8 7 8.5 7 9v10c0 1.1.9 2 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7z" />
    </svg>
  );
}

/**
 * Thumbs up / down on the answer (feedback.submit): signed, it moves the model's routing quality
 * estimate. One vote per answer; the optional note goes with it.
 */
export function Feedback({ decisionId, modelName }: { decisionId: string; modelName: string }) {
  const client = useClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<boolean | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);

  async function vote(up: boolean) {
    setBusy(true);
    setFailure(null);
    try {
      await client.call('feedback.submit', { decisionId, up, ...(note.trim() ? { note: note.trim() } : {}) });
      setSent(up);
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  if (sent !== null) {
    return (
      <p className="form-success feedback-done" role="status" data-testid="feedback-done" data-up={sent}>
        <Thumb down={!sent} /> Feedback signed: it counts toward {modelName}&rsquo;s quality estimate for this task.
      </p>
    );
  }
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
