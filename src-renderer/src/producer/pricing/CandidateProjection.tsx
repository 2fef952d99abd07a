import type { Price } from '../../../../src-shared/money';
import { InlineError } from '../../shell/InlineError';
import { ProjectionTable } from '../rewards/ProjectionTable';
import { useProjection } from '../rewards/useProjection';

/**
 * The editor's candidate price projected through the routing planner and the newest final epoch,
 * beside the price itself, so a producer sees what a price would do before signing it.
 */
export function CandidateProjection({ modelId, price, task }: { modelId: string; price: Price | null; task: string | null }) {
  const projection = useProjection(modelId, price, task);
  return (
    <section className="card pricing-projection" aria-label="Projection of this price" data-testid="pricing-projection" aria-busy={projection.loading}>
      <h2>What this price would do</h2>
      <p className="muted">The model’s value rank, the share of the task’s recent calls the router would send it, and its revenue and reward per epoch, at the price typed above.</p>
      {projection.error && <InlineError error={projection.error} onRetry={projection.reload} testId="pricing-projection-error" prefix="Projection unavailable" />}
      {/* A table kept from an earlier price would read as this one's: none while the price is invalid. */}
      {price && projection.shown ? (
        <ProjectionTable projection={projection.shown} />
      ) : (
        !projection.error && <p className="muted">{price ? 'Replaying the task’s recent calls…' : 'Type a valid price to project it.'}</p>
      )}
    </section>
  );
}
