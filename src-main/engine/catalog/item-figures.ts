import type { CatalogItem } from '../../../src-shared/catalog';
import { producerOf } from '../../../src-shared/domain';
import type { Engine } from '../engine';
import { measuredAccuracy, reportStandings } from '../evals/report-standing';
import { measuredFigures } from '../routing/estimates';
import { reviewSummary } from '../reviews/review-views';

/**
 * A model's catalog item: the producer's listing and price, with what calls (observations), reviews,
 * paying users (ledger) and paid evaluations by others measured (evals/report-standing.ts).
 */
export function catalogItemFor(engine: Engine, modelId: string, now: number): CatalogItem | null {
  const producer = producerOf(modelId);
  // A producer paying for its own model is not popularity (wash trading), whichever of its keys it uses.
  const payingUsers = engine.ledger.payersOf(modelId).filter((identity) => !engine.book.parties.sameParty(identity, producer)).length;
  return engine.catalog.item(modelId, now, measuredFigures(engine.observations.get(modelId)), {
    ratingX100: reviewSummary({ clock: engine.clock, keys: engine.keys, parties: engine.book.parties, ledger: engine.ledger, reviews: engine.reviews }, modelId, null).averageX100,
    payingUsers,
    measuredAccuracyBps: measuredAccuracy(reportStandings(modelId, engine.reviews.reportsOf(modelId), { parties: engine.book.parties, entry: (hash) => engine.ledger.entry(hash) }, now)),
  });
}

/** Models whose popularity (paying users) new ledger entries change. */
export function chargedModels(engine: Engine, hashes: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const hash of hashes) {
    const modelId = engine.ledger.entry(hash)?.body.memo?.modelId;
    if (modelId && engine.catalog.listing(modelId)) ids.add(modelId);
  }
  return [...ids];
}
