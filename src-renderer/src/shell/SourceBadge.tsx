import type { MetricSource } from '../../../src-shared/catalog';

const TITLES: Record<MetricSource, string> = {
  claimed: 'Claimed by the producer, not yet checked by anyone else',
  measured: 'Measured from signed observations and evaluation runs',
  reviews: 'From user reviews',
};

/** Every figure says where it comes from: a producer's claim is not a measurement. */
export function SourceBadge({ source }: { source: MetricSource }) {
  return (
    <span className={`badge badge-${source}`} title={TITLES[source]} data-testid="source-badge">
      {source}
    </span>
  );
}
