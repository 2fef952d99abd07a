import type { Engine } from '../../src-main/engine/engine';
import type { Incoming } from '../../src-main/engine/sync/ingest-queue';
import { LISTING, openTestEngine, type TestEngine } from '../catalog/helpers';

/** Hands every record one engine holds to another, as a peer would (through the RecordBook). */
export async function copyRecords(from: Engine, to: Engine): Promise<void> {
  const batch: Incoming[] = [];
  for (const doc of from.docs.docNames()) for (const [key, bytes] of from.docs.records(doc)) batch.push({ doc, key, bytes });
  await to.absorb(batch);
}

export interface TwoSided {
  producer: TestEngine;
  user: TestEngine;
  modelId: string;
  close(): Promise<void>;
}

/**
 * A producer (also the treasury) with one support model on `endpoint`, and a funded user in the same
 * marketplace who has the producer's records.
 */
export async function producerAndUser(endpoint: string, clock?: () => number): Promise<TwoSided> {
  const producer = await openTestEngine({ clock });
  const user = await openTestEngine({ clock });
  await producer.call('marketplace.create', { name: 'Reviews market' });
  const item = await producer.call('models.publish', {
    ...LISTING,
    slug: 'helper',
    name: 'Helper',
    tasks: ['support', 'extraction'],
    endpoint: { baseUrl: endpoint, model: 'helper' },
    claimed: { ...LISTING.claimed, accuracyBps: { support: 8_000, extraction: 7_000 } },
    price: { inputPer1M: 1_000_000, outputPer1M: 1_000_000, perRequest: 0 },
  });
  await producer.call('ledger.deposit', { to: user.engine.keys.identity.publicKey, amount: 50_000_000 });
  await user.engine.adoptMarketplace(producer.engine.marketplace.id!);
  await copyRecords(producer.engine, user.engine);
  await user.call('routing.setSettings', { explorationBps: 0 });
  return {
    producer,
    user,
    modelId: item.id,
    async close() {
      await user.close();
      await producer.close();
    },
  };
}
