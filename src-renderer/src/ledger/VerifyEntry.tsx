import { useState } from 'react';
import type { CommandOutput } from '../../../src-shared/contract';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { formatCount } from '../format/numbers';
import { InlineError } from '../shell/InlineError';

type Proof = CommandOutput<'ledger.proof'>;

/**
 * "Verify": asks the engine for the proof again and shows its verdict — the audit path leads from
 * this entry's leaf to the root, and that root is the one its checkpoint signed.
 */
export function VerifyEntry({ hash }: { hash: string }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Proof | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);

  async function verify() {
    setBusy(true);
    setFailure(null);
    try {
      setResult(await client.call('ledger.proof', { hash }));
    } catch (error) {
      setResult(null);
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="verify-entry">
      <button type="button" className="button button-primary button-small" onClick={() => void verify()} disabled={busy} data-testid="verify-entry">
        {busy ? 'Verifying…' : 'Verify'}
      </button>
      {result && (
        <p className={`verdict ${result.verified ? 'verdict-ok' : 'verdict-bad'}`} role="status" data-testid="verify-result" data-verified={result.verified}>
          {result.verified ? (
            <>
              <strong>✓ Verified.</strong> As leaf {formatCount(result.index)} of a {formatCount(result.size)}-entry tree, its audit path leads to{' '}
              {result.checkpoint ? `the root signed in checkpoint #${result.checkpoint.seq}.` : 'the chain’s current root.'}
            </>
          ) : (
            <>
              <strong>✗ Not verified.</strong> The audit path does not lead to the {result.checkpoint ? 'signed checkpoint root' : 'chain root'}: this entry or its
              chain has been altered. Run &ldquo;Verify whole ledger&rdquo; for details.
            </>
          )}
        </p>
      )}
      {failure && <InlineError error={failure} testId="verify-entry-error" prefix="Could not verify" />}
    </div>
  );
}
