import { RECORD_BODIES, type ObservationBody } from '../../../src-shared/domain';
import type { RecordApplier } from '../records/record-book';
import type { SignedRecord } from '../records/signed';
import { emptyStats, recordOutcome, type ModelStats } from './estimates';
import { recordOutputLength } from './output-lengths';

/**
 * Per-model statistics learned from every valid observation record (ours and our peers'), plus the
 * local quick feedback. Routing reads them on every decision; the catalog shows them as "measured".
 */
export class ObservationStats implements RecordApplier {
  private readonly byModel = new Map<string, ModelStats>();
  private readonly nextSeqByAuthor = new Map<string, number>();

  apply(record: SignedRecord): string[] {
    if (record.payload.kind !== 'observation') return [];
    const body: ObservationBody = RECORD_BODIES.observation.parse(record.payload.body);
    const author = record.payload.author;
    this.nextSeqByAuthor.set(author, Math.max(this.nextSeqByAuthor.get(author) ?? 1, record.payload.seq + 1));
    const stats = this.statsFor(body.modelId);
    recordOutcome(stats, body.ok, body.latencyMs);
    if (body.ok) recordOutputLength((stats.outputByTask ??= new Map()), body.task, body.outputTokens);
    return [body.modelId];
  }

  statsFor(modelId: string): ModelStats {
    let stats = this.byModel.get(modelId);
    if (!stats) this.byModel.set(modelId, (stats = emptyStats()));
    return stats;
  }

  get(modelId: string): ModelStats | undefined {
    return this.byModel.get(modelId);
  }

  /** Changes whenever a model gains its stats (then updated in place): routing tables re-link on it. */
  get version(): number {
    return this.byModel.size;
  }

  nextSeq(author: string): number {
    return this.nextSeqByAuthor.get(author) ?? 1;
  }

  feedback(modelId: string, up: boolean): void {
    const stats = this.statsFor(modelId);
    if (up) stats.feedbackUp++;
    else stats.feedbackDown++;
  }
}

export function observationDocOf(identityKey: string, ts: number): string {
  return `observations/${identityKey}/${new Date(ts).toISOString().slice(0, 7)}`;
}
