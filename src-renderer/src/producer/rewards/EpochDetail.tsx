import type { EpochSummary } from '../../../../src-shared/rewards';
import { useCommand } from '../../client/useCommand';
import { formatCount } from '../../format/numbers';
import { epochLabel, epochUtcRange, epochWindowText, REWARD_EVENTS } from '../../rewards/epochs';
import { ignoredLines, thresholdChecks } from '../../rewards/explain';
import { formatPpm } from '../../rewards/format';
import { InlineError } from '../../shell/InlineError';
import { useUiStore } from '../../state/ui-store';
import { ClaimPanel } from './ClaimPanel';
import { ModelScoreCard } from './ModelScoreCard';
import type { ClaimOutcome } from './useClaim';

/** The local producer in one epoch: its reward and claim, the threshold, and each model's score parts. */
export function EpochDetail({ summary, me, busy, outcome, onClaim }: { summary: EpochSummary; me: string; busy: boolean; outcome: ClaimOutcome | null; onClaim(): void }) {
  const openTransparency = useUiStore((s) => s.openTransparency);
  const computation = useCommand('rewards.compute', { epoch: summary.epoch, producerKey: me }, REWARD_EVENTS);
  const c = computation.data;
  const producer = c?.producers.find((p) => p.producerKey === me);
  const ignored = c ? ignoredLines(c.ignored) : [];
  return (
    <div className="rewards-stack" data-testid="epoch-detail" data-epoch={summary.epoch}>
      <section className="card" aria-label="Your reward">
        <div className="card-header">
          <h2 title={epochUtcRange(summary)}>Your reward · {epochLabel(summary)}</h2>
          <button type="button" className="button button-small" data-testid="rewards-transparency" onClick={() => openTransparency(summary.epoch)}>
            How was this epoch split?
          </button>
        </div>
        <p className="muted" title={epochUtcRange(summary)} data-testid="epoch-window">
          Records timed {epochWindowText(summary)}.
        </p>
        <ClaimPanel summary={summary} busy={busy} outcome={outcome} onClaim={onClaim} />
        {producer && c && (
          <>
            <h3>Activity threshold</h3>
            <ul className="plain-list" data-testid="my-threshold">
              {thresholdChecks(producer, c.params).map((t) => (
                <li key={t.label} data-met={t.met}>
                  {t.met ? '✓' : '✗'} {t.have} {t.label} (at least {t.need} needed)
                </li>
              ))}
            </ul>
            <h3>Your score</h3>
            <dl className="detail-grid" data-testid="my-parts">
              <dt>Popularity</dt>
              <dd>{formatCount(producer.parts.popularity)} distinct paying users over your models</dd>
              <dt>Quality · latency · reliability</dt>
              <dd>
                {producer.parts.quality} · {producer.parts.latency} · {producer.parts.reliability} (per-mille, your models’ parts averaged by their paying users)
              </dd>
              <dt>Score</dt>
              <dd data-testid="my-score">
                {formatCount(producer.score)} of {formatCount(c.totalScore)} in the epoch ({formatPpm(producer.sharePpm)})
              </dd>
            </dl>
          </>
        )}
      </section>
      {!c && !computation.error && <p className="muted">Computing your score parts…</p>}
      {computation.error && !computation.loading && <InlineError error={computation.error} onRetry={computation.reload} testId="epoch-detail-error" prefix="Score parts unavailable" />}
      {c && c.models.length === 0 && (
        <p className="muted" data-testid="my-models-none">
          None of your models was charged in this epoch.
        </p>
      )}
      {c && c.models.map((m) => <ModelScoreCard key={m.modelId} model={m} params={c.params} counts={producer?.qualified ?? false} />)}
      {ignored.length > 0 && (
        <section className="card" aria-label="Left out">
          <h3>Left out of every score in this epoch</h3>
          <ul className="plain-list" data-testid="epoch-ignored">
            {ignored.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
