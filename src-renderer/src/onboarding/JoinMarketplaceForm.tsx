import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { issuesByField } from '../client/issues';
import { FormError } from '../shell/FormError';
import { FormField } from '../shell/FormField';
import { SyncProgressBar } from '../sync/SyncProgressBar';
import { useSyncProgress } from '../sync/useSyncStatus';

/** What marketplace.join accepts: an invite, or a device link from this person's other device. */
export function inviteProblem(text: string): string | null {
  const code = text.trim();
  if (code === '') return 'Paste the invite you were given.';
  if (!/^(irinvite1|irlink1)\.[A-Za-z0-9_-]{8,}$/.test(code)) return 'An invite starts with irinvite1. (a device link with irlink1.) followed by letters and digits.';
  if (code.length > 4_000) return 'This is longer than any invite.';
  return null;
}

/** What the pasted code will do, said before it is sent: a device link makes this device act as you. */
export function inviteHint(text: string): string {
  const code = text.trim();
  if (code.startsWith('irlink1.')) return 'A device link: it carries your identity’s private key, so this device will sign as you. Use it only on your own device.';
  if (code.startsWith('irinvite1.')) return 'An invite: this engine joins that marketplace with its own new identity.';
  return 'From a member of the marketplace (Network → Invite), or a device link from your other device.';
}

/**
 * Joins another peer's marketplace: the engine dials the invite's address, makes the peer prove the
 * invite's key, adopts the marketplace only then, and answers once the treasury-signed config
 * arrived (the catalog keeps coming in after that).
 */
export function JoinMarketplaceForm({ onJoined }: { onJoined(): void }) {
  const client = useClient();
  const [invite, setInvite] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  // A large marketplace streams in while the join waits for its config: seconds, shown as they pass.
  const progress = useSyncProgress(undefined);
  const local = inviteProblem(invite);
  const problem = (tried ? local : null) ?? issuesByField(failure, (path) => (path === 'invite' ? 'invite' : null)).invite;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (local) return;
    setBusy(true);
    setFailure(null);
    try {
      await client.call('marketplace.join', { invite: invite.trim() });
      onJoined();
    } catch (error) {
      setFailure(asAppError(error));
      setBusy(false);
    }
  }

  return (
    <form className="form" data-testid="join-marketplace" onSubmit={(event) => void submit(event)} noValidate>
      <FormField id="join-invite" label="Invite" problem={problem ?? undefined} hint={inviteHint(invite)}>
        <textarea
          id="join-invite"
          data-testid="join-invite"
          rows={3}
          placeholder="irinvite1.…"
          value={invite}
          aria-invalid={problem !== null && problem !== undefined}
          onChange={(event) => {
            setInvite(event.target.value);
            setFailure(null);
          }}
        />
      </FormField>
      {failure && <FormError error={failure} testId="join-error" />}
      {busy && progress && <SyncProgressBar progress={progress} />}
      <button type="submit" className="button button-primary" disabled={busy} data-testid="join-submit">
        {!busy ? 'Join marketplace' : progress ? 'Joining: receiving the marketplace…' : 'Joining: reaching the peer…'}
      </button>
    </form>
  );
}
