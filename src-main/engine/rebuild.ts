import { toModelRow } from './catalog/catalog-rows';
import type { Engine } from './engine';

/**
 * Start-up: replays every stored record into the states and the query store; signatures not
 * verified before are checked as they load. Each record is taken in on its own (RecordBook): one
 * that cannot be read is quarantined with its reason and the engine starts all the same.
 */
export async function rebuildFromDocuments(engine: Engine): Promise<void> {
  const now = engine.clock();
  const { docs, book } = engine;
  const stored = docs.docNames().flatMap((doc) => docs.records(doc).map(([key, bytes]) => ({ doc, key, bytes })));
  await book.ingestAll(stored, now);
  engine.ledger.settle(); // what was on disk is not news: no ledger.changed for it
  const items = engine.catalog.modelIds().map((id) => engine.itemFor(id, now)!);
  engine.catalogIndex.upsert(items);
  await engine.db.models.bulkInsert(items.map(toModelRow));
  const quarantine = book.quarantine();
  if (quarantine.length > 0) await engine.db.quarantine.bulkInsert(quarantine);
}
