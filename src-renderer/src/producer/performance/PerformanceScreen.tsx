import { InlineError } from '../../shell/InlineError';
import { EmptyState, ErrorState, LoadingState } from '../../shell/StatusViews';
import { useMyModels } from '../pricing/useMyModels';
import { PerformanceCard } from './PerformanceCard';
import { usePerformance } from './usePerformance';

/**
 * How the producer's models do, per model and task: measured latency and success (with their
 * sources), evaluation results, ratings and their 30-day trend, routed-call feedback, and the
 * hints those figures give about what to improve.
 */
export function PerformanceScreen({ producerKey }: { producerKey: string }) {
  const mine = useMyModels(producerKey);
  const performance = usePerformance(mine.data?.items);

  let body;
  if (!mine.data) {
    body = mine.error && !mine.loading ? <ErrorState error={mine.error} onRetry={mine.reload} testId="performance-error" /> : <LoadingState label="Loading your models…" />;
  } else if (mine.data.items.length === 0) {
    body = (
      <EmptyState title="Publish a model to see how it performs." testId="performance-empty">
        <p className="muted">Once users call it, latency and success are measured from their signed observations, and their ratings and feedback show here.</p>
      </EmptyState>
    );
  } else if (!performance.rows) {
    body = <LoadingState label="Reading evaluations, ratings and feedback…" />;
  } else {
    body = (
      <div className="performance-stack">
        {performance.error && <InlineError error={performance.error} onRetry={performance.reload} testId="performance-read-error" prefix="Some figures could not be read" />}
        {performance.rows.map((row) => (
          <PerformanceCard key={row.id} row={row} />
        ))}
      </div>
    );
  }

  return (
    <section className="screen" data-testid="performance" aria-label="Performance">
      <div className="toolbar">
        <h1 className="screen-title">Performance</h1>
        <span className="muted">What users measure, rate and say about your models, per task.</span>
      </div>
      {/* Focusable: with no control inside, the keyboard must still be able to scroll it. */}
      <div className="screen-scroll" tabIndex={0} role="region" aria-label="Performance of my models">
        {body}
      </div>
    </section>
  );
}
