import { useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../../src-shared/contract';
import type { AppError } from '../../../src-shared/errors';
import { SyncAddressSchema } from '../../../src-shared/sync';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { issuesByField } from '../client/issues';
import { shortKey } from '../format/numbers';
import { CopyButton } from '../shell/CopyButton';
import { FormError } from '../shell/FormError';
import { FormField } from '../shell/FormField';

type Invite = CommandOutput<'marketplace.invite'>;

/**
 * marketplace.invite: a code another engine joins with (this marketplace, this peer's address and
 * key). The address can be overridden when peers reach this one under another name (a relay).
 */
export function InviteCard({ lanSharing }: { lanSharing: boolean | null }) {
  const client = useClient();
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [invite, setInvite] = useState<Invite | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  const typed = address.trim();
  const local = typed !== '' && !SyncAddressSchema.safeParse(typed).success ? 'Use host:port (e.g. 192.168.1.20:5319) or a ws:// / wss:// URL.' : undefined;
  const problem = local ?? issuesByField(failure, (path) => (path === 'address' ? 'address' : null)).address;

  async function create(event: FormEvent) {
    event.preventDefault();
    if (local) return;
    setBusy(true);
    setFailure(null);
    try {
      setInvite(await client.call('marketplace.invite', typed ? { address: typed } : {}));
    } catch (error) {
      setInvite(null);
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card form-section" data-testid="invite-card" aria-label="Invite">
      <h2>Invite another engine</h2>
      <p className="muted">The other side pastes it under “Join a marketplace” when it starts. It proves it reached this peer by its key; it needs no secret.</p>
      <form className="form-section" onSubmit={(event) => void create(event)} noValidate>
        <FormField id="invite-address" label="Advertised address (optional)" problem={problem} hint={lanSharing === false ? 'Empty: 127.0.0.1 and the sync port, which only engines on this computer reach while LAN sharing is off.' : "Empty: this machine's LAN address and sync port."}>
          <input id="invite-address" data-testid="invite-address" placeholder="host:port" value={address} aria-invalid={problem !== undefined} onChange={(e) => setAddress(e.target.value)} />
        </FormField>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy} data-testid="invite-create">
            {busy ? 'Creating…' : invite ? 'Create again' : 'Create invite'}
          </button>
        </div>
      </form>
      {failure && <FormError error={failure} testId="invite-error" />}
      {invite && (
        <div className="invite-result" data-testid="invite-result">
          <textarea className="invite-code selectable" readOnly rows={3} value={invite.invite} data-testid="invite-code" aria-label="Invite code" onFocus={(e) => e.target.select()} />
          <p className="copy-line">
            <CopyButton value={invite.invite} label="invite" testId="invite-copy" />
            <span className="muted">
              names <code>{invite.address}</code> · key <code title={invite.peerKey}>{shortKey(invite.peerKey)}</code>
            </span>
          </p>
        </div>
      )}
    </section>
  );
}
