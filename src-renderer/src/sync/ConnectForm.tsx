import { useState, type FormEvent } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { PublicKeySchema } from '../../../src-shared/ids';
import type { PeerView } from '../../../src-shared/sync';
import { SyncAddressSchema } from '../../../src-shared/sync';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { issuesByField } from '../client/issues';
import { FormError } from '../shell/FormError';
import { FormField } from '../shell/FormField';

type Field = 'address' | 'key';

export function connectProblems(address: string, key: string): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  if (address.trim() === '') problems.address = 'Enter the peer’s sync address.';
  else if (!SyncAddressSchema.safeParse(address.trim()).success) problems.address = 'Use host:port (e.g. 192.168.1.20:5319) or a ws:// / wss:// URL.';
  if (key.trim() !== '' && !PublicKeySchema.safeParse(key.trim()).success) problems.key = 'A peer key is 43 characters of base64url.';
  return problems;
}

/** sync.connect: add a peer by address and dial it now; it is redialled whenever the link drops. */
export function ConnectForm() {
  const client = useClient();
  const [address, setAddress] = useState('');
  const [key, setKey] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [result, setResult] = useState<PeerView | null>(null);
  const local = connectProblems(address, key);
  const problems = { ...issuesByField(failure, (path) => (path === 'address' || path === 'key' ? path : null)), ...(tried ? local : {}) };

  async function connect(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      setResult(await client.call('sync.connect', { address: address.trim(), ...(key.trim() ? { key: key.trim() } : {}) }));
      setAddress('');
      setKey('');
      setTried(false);
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form-section" data-testid="connect-form" onSubmit={(event) => void connect(event)} noValidate aria-label="Connect to a peer">
      <h2>Connect to a peer</h2>
      <FormField id="connect-address" label="Address" problem={problems.address} hint="host:port of its sync listener, or a ws:// / wss:// URL (a relay behind TLS).">
        <input id="connect-address" data-testid="connect-address" placeholder="192.168.1.20:5319" value={address} aria-invalid={problems.address !== undefined} onChange={(e) => setAddress(e.target.value)} />
      </FormField>
      <FormField id="connect-key" label="Peer key (optional)" problem={problems.key} hint="If given, any other key answering there is refused; else the first key seen is pinned.">
        <input id="connect-key" data-testid="connect-key" className="mono-input wide" value={key} aria-invalid={problems.key !== undefined} onChange={(e) => setKey(e.target.value)} />
      </FormField>
      {failure && <FormError error={failure} testId="connect-error" />}
      {result && (
        <p className={result.connected ? 'form-success' : 'field-hint'} role="status" data-testid="connect-result" data-connected={result.connected}>
          {result.connected ? `Connected to ${result.address ?? 'the peer'}.` : `Added ${result.address ?? 'the peer'}; not connected yet${result.lastError ? `: ${result.lastError}` : ''}. It is retried with backoff.`}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="connect-submit">
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
