import type { CallResult, RouteInput } from '../../../src-shared/routing';
import type { CatalogIndex } from '../catalog/catalog-index';
import type { SigningKey } from '../identity/keys';
import type { SignedRecord } from '../records/signed';
import type { ReviewState } from '../reviews/review-state';
import type { StandingSources } from './report-standing';

/**
 * What running an evaluation needs (evals/run-eval.ts): the report standings' sources (the evaluator
 * and the producer may be one party) and more. The handler builds it (compose/evals.ts); tests
 * build it from plain fakes.
 */
export interface EvalContext extends StandingSources {
  clock(): number;
  /** The evaluator: the local identity signs the report (read live, a join replaces it). */
  keys: { readonly identity: SigningKey };
  /** The model evaluated and the tasks it lists. */
  catalogIndex: Pick<CatalogIndex, 'get'>;
  /** The real call path (routing/router.ts): each case charged like any call. */
  call(input: RouteInput): Promise<CallResult>;
  reviews: Pick<ReviewState, 'nextReportSeq'>;
  /** Where signed records become durable and take effect (publisher.ts). */
  publish(doc: string, records: SignedRecord[]): Promise<void>;
}
