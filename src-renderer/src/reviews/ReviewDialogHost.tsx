import { useIdentityKey } from '../shell/HealthContext';
import { useUiStore } from '../state/ui-store';
import { WriteReviewDialog } from './WriteReviewDialog';

/** The window's one write-review dialog, opened from anywhere through the UI store. */
export function ReviewDialogHost() {
  const seed = useUiStore((s) => s.reviewDialog);
  const close = useUiStore((s) => s.closeReviewDialog);
  const me = useIdentityKey();
  if (!seed || !me) return null;
  return <WriteReviewDialog key={`${seed.modelId}:${seed.chargeId ?? ''}`} seed={seed} me={me} onClose={close} />;
}
