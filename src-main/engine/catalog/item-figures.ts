import type { CatalogItem } from '../../../src-shared/catalog';
import { producerOf } from '../../../src-shared/domain';
import { measuredAccuracy, reportStandings } from '../evals/report-standing';
import { measuredFigures } from '../routing/estimates';
import { reviewSummary } from '../reviews/review-views';
import type { ItemFiguresContext } from './context';

/**
 * A model's catalog item: the producer's listing and price, with what calls (observations), reviews,
 * paying users (ledger) and paid evaluations by others measured (evals/report-standing.ts).
 */
export function catalogItemFor(context: ItemFiguresContext, modelId: string, now: number): CatalogItem | null {
  const producer = producerOf(modelId);
  // A producer paying for its own model is not popularity (wash trading), whichever of its keys it uses.
  const payingUsers = context.ledger.payersOf(modelId).filter((identity) => !context.parties.sameParty(identity, producer)).length;
  return context.catalog.item(modelId, now, measuredFigures(context.observations.get(modelId)), {
    ratingX100: reviewSummary(context, modelId, null).averageX100,
    payingUsers,
    measuredAccuracyBps: measuredAccuracy(reportStandings(modelId, context.reviews.reportsOf(modelId), { parties: context.parties, entry: (hash) => context.ledger.entry(hash) }, now)),
  });
}

/** Models whose popularity (paying users) new ledger entries change. */
export function chargedModels(context: Pick<ItemFiguresContext, 'ledger' | 'catalog'>, hashes: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const hash of hashes) {
    const modelId = context.ledger.entry(hash)?.body.memo?.modelId;
    if (modelId && context.catalog.listing(modelId)) ids.add(modelId);
  }
  return [...ids];
}
