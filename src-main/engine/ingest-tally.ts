import type { IngestOutcome } from './records/record-book';

const REVIEW_KINDS: ReadonlySet<string> = new Set(['review', 'review-reply', 'feedback', 'metric-report']);

/** What one batch of ingested records changed, gathered for one round of refreshes and events. */
export class IngestTally {
  readonly changedModels = new Set<string>();
  readonly reviewedModels = new Set<string>();
  readonly quarantined = new Set<string>();
  applied = 0;
  marketplaceChanged = false;

  add(outcome: IngestOutcome): void {
    if (outcome.status === 'quarantined') this.quarantined.add(outcome.hash);
    if (outcome.status !== 'applied') return;
    this.applied++;
    outcome.changedModels.forEach((id) => this.changedModels.add(id));
    this.marketplaceChanged ||= outcome.marketplaceChanged;
    const { payload } = outcome.record;
    if (!REVIEW_KINDS.has(payload.kind)) return;
    const modelId = (payload.body as { modelId?: unknown }).modelId;
    if (typeof modelId === 'string') this.reviewedModels.add(modelId);
  }
}
