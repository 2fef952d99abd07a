import { useState } from 'react';
import type { CommandOutput } from '../../../../src-shared/contract';
import type { AppError } from '../../../../src-shared/errors';
import { useClient } from '../../client/ClientContext';
import { asAppError } from '../../client/errors';

export interface ClaimOutcome {
  epoch: number;
  result?: CommandOutput<'rewards.claim'>;
  error?: AppError;
}

/**
 * Signs the local producer's claim for an epoch (rewards.claim). The outcome stays on screen after
 * the epochs re-read; `settled` re-reads them after an error too, since a refusal (CONFLICT: claimed
 * from another window) usually means the figures on screen are stale.
 */
export function useClaim(settled: () => void) {
  const client = useClient();
  const [busy, setBusy] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<ClaimOutcome | null>(null);
  async function claim(epoch: number) {
    setBusy(epoch);
    setOutcome(null);
    try {
      setOutcome({ epoch, result: await client.call('rewards.claim', { epoch }) });
    } catch (error) {
      setOutcome({ epoch, error: asAppError(error) });
    } finally {
      setBusy(null);
      settled();
    }
  }
  return { busy, outcome, claim };
}
