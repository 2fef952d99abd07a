import { useState } from 'react';
import type { ReviewView } from '../../../src-shared/reviews';
import { useCommand } from '../client/useCommand';
import { userAccount } from '../ledger/accounts';
import { Dialog } from '../shell/Dialog';
import { InlineError } from '../shell/InlineError';
import { ErrorState, LoadingState } from '../shell/StatusViews';
import { useUiStore, type ReviewSeed } from '../state/ui-store';
import { ReviewForm } from './ReviewForm';

/** Your newest charges for the model are the ones worth linking; 50 go back far enough. */
const CHARGES = 50;

function Published({ review, name, onClose }: { review: ReviewView; name: string; onClose(): void }) {
  const openModel = useUiStore((s) => s.openModel);
  return (
    <div className="form-section" data-testid="review-published" data-verified={review.verified}>
      <p className="form-success" role="status">
        Your review of {name} is signed and published{review.verified ? ' as verified usage' : ''}. Peers receive it with the next sync.
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            openModel(review.modelId);
            onClose();
          }}
          data-testid="review-open-model"
        >
          Open the model page
        </button>
        <button type="button" className="button button-primary" onClick={onClose} data-testid="review-done">
          Done
        </button>
      </div>
    </div>
  );
}

/**
 * Write (or edit) a review: reads the model (its tasks), your charges for it and your existing
 * review, then starts the form from them. One dialog serves the model page, My reviews and the
 * playground's "Turn into a review".
 */
export function WriteReviewDialog({ seed, me, onClose }: { seed: ReviewSeed; me: string; onClose(): void }) {
  const model = useCommand('catalog.get', { id: seed.modelId });
  const charges = useCommand('ledger.entries', { account: userAccount(me), kind: 'charge', modelId: seed.modelId, limit: CHARGES });
  const mine = useCommand('reviews.mine', {});
  const [published, setPublished] = useState<ReviewView | null>(null);
  const existing = mine.data?.find((r) => r.modelId === seed.modelId) ?? null;
  const name = model.data?.name ?? 'this model';
  // Charges only add the "verified" option: if they cannot be read, the form still works without.
  const chargesReady = charges.data !== undefined || (charges.error !== undefined && !charges.loading);
  const mineReady = mine.data !== undefined || (mine.error !== undefined && !mine.loading);

  let body;
  if (published) body = <Published review={published} name={name} onClose={onClose} />;
  else if (model.error && !model.loading) body = <ErrorState error={model.error} onRetry={model.reload} testId="review-model-error" />;
  else if (!model.data || !chargesReady || !mineReady) body = <LoadingState label="Loading the model and your charges…" />;
  else {
    body = (
      <>
        {charges.error && <InlineError error={charges.error} onRetry={charges.reload} testId="review-charges-error" prefix="Your charges could not be read" />}
        <ReviewForm item={model.data} charges={charges.data?.items ?? []} existing={existing} seed={seed} onPublished={setPublished} onCancel={onClose} />
      </>
    );
  }
  return (
    <Dialog title={existing && !published ? `Edit your review of ${name}` : `Review ${name}`} onClose={onClose} testId="review-dialog">
      {body}
    </Dialog>
  );
}
