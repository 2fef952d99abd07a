import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../src-shared/catalog';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { SecretFiles } from '../../src-main/engine/secrets/secret-files';
import { startSimulator } from '../../src-main/engine/providers/simulator';
import type { PublishBatch } from '../../src-main/engine/publisher';
import type { RouterContext } from '../../src-main/engine/routing/context';
import type { ChargeRequest, LedgerPort } from '../../src-main/engine/routing/ledger-port';
import { ObservationStats } from '../../src-main/engine/routing/observations';
import { openRouter } from '../../src-main/engine/routing/routing-service';

/**
 * A routed call with the router built from plain fakes of its ports (routing/context.ts): no Engine
 * is opened. The only real things are the router's own local files and an OpenAI-compatible
 * endpoint on 127.0.0.1 (the network edge).
 */
describe('Router through its ports', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let dir: string;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, latencyMs: 1 });
    dir = await mkdtemp(join(tmpdir(), 'ir-router-'));
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  const producer = generateSigningKey().publicKey;
  const model = (slug: string, inputPer1M: number): CatalogItem => ({
    id: `${producer}:${slug}`,
    producerKey: producer,
    producerName: 'Fake producer',
    slug,
    name: slug,
    description: '',
    tasks: ['code'],
    industries: [],
    modality: 'text',
    contextWindow: 8_192,
    version: '1',
    endpoint: { baseUrl: sim.url, model: slug },
    price: { inputPer1M, outputPer1M: inputPer1M, perRequest: 0 },
    referenceCost: Math.ceil((1_500 * inputPer1M) / 1e6),
    bestAccuracyBps: 8_000,
    bestTask: 'code',
    valueScore: 0,
    metrics: {
      accuracyBps: { code: { value: 8_000, source: 'claimed' } },
      latencyP50Ms: { value: 100, source: 'claimed' },
      latencyP95Ms: { value: 200, source: 'claimed' },
      successRateBps: { value: 9_900, source: 'claimed' },
      throughputTps: { value: 50, source: 'claimed' },
      ratingX100: { value: null, source: 'reviews' },
      popularity: { value: 0, source: 'measured' },
    },
    retired: false,
    updatedAt: 1,
  });

  it('decides, calls the endpoint, charges once through the ledger port and publishes one signed observation', async () => {
    const cheap = model('cheap', 1_000_000);
    const pricey = model('pricey', 90_000_000);
    const events: string[] = [];
    const published: PublishBatch[] = [];
    const charges: ChargeRequest[] = [];
    const signer = { identity: generateSigningKey(), device: generateSigningKey() };
    const context: RouterContext = {
      clock: () => 1_750_000_000_000,
      catalog: { byTask: (task) => (task === 'code' ? [cheap, pricey] : []), get: (id) => [cheap, pricey].find((m) => m.id === id) },
      emit: (name) => events.push(name),
      signer,
      publisher: { publishAcknowledged: async (batches) => void published.push(...batches), catchUp: () => {} },
    };
    const ledger: LedgerPort = {
      balance: () => 10_000_000,
      spentSince: () => 0,
      // A successful call's observation is signed once the charge is and made durable in its write.
      charge: async (request, alongside) => {
        charges.push(request);
        published.push(...(alongside?.() ?? []));
        return { hash: 'c'.repeat(64), cost: 42 };
      },
    };
    const router = await openRouter(context, { dataDir: dir, secrets: new SecretFiles(dir, null), stats: new ObservationStats(), ledger });
    await router.parts.settings.update({ explorationBps: 0 });
    try {
      const out = await router.call({ task: 'code', messages: [{ role: 'user', content: 'Add two numbers' }], expectedOutputTokens: 50 });
      expect(out.modelId).toBe(cheap.id);
      expect(out.chargeHash).toBe('c'.repeat(64));
      expect(charges).toHaveLength(1);
      expect(charges[0]).toMatchObject({ modelId: cheap.id, decisionId: out.decisionId });
      const observations = published.flatMap((batch) => batch.records);
      expect(observations).toHaveLength(1);
      expect(observations[0]!.payload).toMatchObject({ kind: 'observation', author: signer.device.publicKey });
      expect(events).toContain('route.decided');
    } finally {
      router.close();
    }
  });
});
