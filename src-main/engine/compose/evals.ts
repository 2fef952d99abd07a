import type { Engine } from '../engine';
import type { EvalContext } from '../evals/context';

/** The composition root's wiring of the evals domain (evals/context.ts); the router opens after the handlers exist. */
export function evalContextOf(engine: Engine): EvalContext {
  return {
    clock: () => engine.clock(),
    keys: engine.keys,
    catalogIndex: engine.catalogIndex,
    call: (input) => engine.router.call(input),
    reviews: engine.reviews,
    parties: engine.book.parties,
    entry: (hash) => engine.ledger.entry(hash),
    publish: (doc, records) => engine.publish(doc, records),
  };
}
