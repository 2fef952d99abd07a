import type { Engine } from '../engine';
import { createMarketplace, DEFAULT_CONFIG } from '../marketplace/create';
import { syntheticProducers } from './synthetic';

/** Adds N synthetic models to an engine (making a marketplace first if the folder has none). */
export async function seedSynthetic(engine: Engine, count: number, seed: number): Promise<void> {
  if (engine.marketplace.id === null) await createMarketplace(engine, { name: `Synthetic marketplace (${count} models)`, ...DEFAULT_CONFIG });
  for (const { producerKey, records } of syntheticProducers(count, seed)) {
    await engine.publish(`catalog/${producerKey}`, records);
  }
}
