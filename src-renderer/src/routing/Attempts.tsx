import type { CallResult } from '../../../src-shared/routing';
import { formatMs } from '../format/numbers';
import { modelSlug } from '../ledger/accounts';

export type Attempt = CallResult['attempts'][number];

const OUTCOMES: Record<Attempt['outcome'], string> = {
  ok: 'answered',
  'http-error': 'HTTP error',
  timeout: 'timed out',
  network: 'network error',
  malformed: 'malformed answer',
  cooldown: 'cooling down',
};

/** PROVIDER_FAILED carries the attempts in its details; anything else there is ignored. */
export function attemptsOf(details: unknown): Attempt[] {
  const list = (details as { attempts?: unknown } | undefined)?.attempts;
  if (!Array.isArray(list)) return [];
  return list.filter((a): a is Attempt => typeof a === 'object' && a !== null && typeof (a as Attempt).modelId === 'string' && typeof (a as Attempt).outcome === 'string');
}

/** Every try of every candidate, in order: retries on the same model, then fallbacks to the next. */
export function Attempts({ attempts, nameOf }: { attempts: readonly Attempt[]; nameOf(modelId: string): string }) {
  return (
    <table className="data-table compact" data-testid="attempts">
      <thead>
        <tr>
          <th>Model</th>
          <th className="num">Try</th>
          <th>Outcome</th>
          <th className="num">Latency</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((a, i) => (
          <tr key={`${a.modelId}:${a.try}:${i}`} data-testid="attempt" data-outcome={a.outcome}>
            <td title={a.modelId}>{nameOf(a.modelId)}</td>
            <td className="num">{a.try}</td>
            <td title={a.message ?? undefined}>
              <span className={a.outcome === 'ok' ? 'outcome-ok' : 'outcome-bad'}>{OUTCOMES[a.outcome] ?? a.outcome}</span>
              {a.status !== null && a.outcome !== 'ok' && <span className="muted"> {a.status}</span>}
              {a.message && <span className="muted"> · {a.message}</span>}
            </td>
            <td className="num">{formatMs(a.latencyMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Names for attempts: the plan's candidates carry them; a model beyond those shows its slug. */
export function namesFrom(candidates: ReadonlyArray<{ modelId: string; name: string }>): (modelId: string) => string {
  const names = new Map(candidates.map((c) => [c.modelId, c.name]));
  return (modelId) => names.get(modelId) ?? modelSlug(modelId);
}
