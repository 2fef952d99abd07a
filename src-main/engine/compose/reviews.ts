import type { Engine } from '../engine';
import { producerKeyOf } from '../identity/identity';
import type { ReviewContext } from '../reviews/context';

/**
 * The composition root's wiring of the reviews domain (reviews/context.ts). Lazy where the part is
 * made later (the router opens after the engine is constructed) or replaced (a join swaps the identity).
 */
export function reviewContextOf(engine: Engine): ReviewContext {
  return {
    clock: () => engine.clock(),
    keys: engine.keys,
    producerKey: () => producerKeyOf(engine.keys),
    catalog: engine.catalog,
    parties: engine.book.parties,
    ledger: engine.ledger,
    reviews: engine.reviews,
    decision: (decisionId) => engine.router.parts.decisions.find(decisionId),
    publish: (doc, records) => engine.publish(doc, records),
  };
}
