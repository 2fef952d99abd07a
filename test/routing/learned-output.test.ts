import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../src-shared/catalog';
import { DEFAULT_OUTPUT_TOKENS, MIN_LEARNED_OUTPUT } from '../../src-shared/routing';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { SecretFiles } from '../../src-main/engine/secrets/secret-files';
import type { PublishBatch } from '../../src-main/engine/publisher';
import type { RouterContext } from '../../src-main/engine/routing/context';
import type { LedgerPort } from '../../src-main/engine/routing/ledger-port';
import { ObservationStats } from '../../src-main/engine/routing/observations';
import { openRouter } from '../../src-main/engine/routing/routing-service';

const ANSWER_TOKENS = 230;

/**
 * Routed calls without a caller limit, through the router's ports (as router-ports.test.ts) to an
 * OpenAI-compatible endpoint on 127.0.0.1 that keeps every request body it was sent.
 */
describe('output tokens: learned estimates and no invented max_tokens', () => {
  let server: Server;
  let url: string;
  let dir: string;
  const bodies: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(raw) as Record<string, unknown>);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'An answer.' } }], usage: { prompt_tokens: 12, completion_tokens: ANSWER_TOKENS } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    dir = await mkdtemp(join(tmpdir(), 'ir-output-'));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  const producer = generateSigningKey().publicKey;
  const model = (slug: string): CatalogItem => ({
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
    endpoint: { baseUrl: url, model: slug },
    price: { inputPer1M: 1_000_000, outputPer1M: 1_000_000, perRequest: 0 },
    referenceCost: 1_500,
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

  it('sends max_tokens only when the caller gave a limit, and estimates from learned lengths after MIN_LEARNED_OUTPUT calls', async () => {
    const only = model('only');
    const stats = new ObservationStats();
    // The engine applies what it publishes to its stats; the fake publisher and ledger do the same.
    const apply = (batches: readonly PublishBatch[]) => batches.forEach((b) => b.records.forEach((r) => stats.apply(r)));
    const signer = { identity: generateSigningKey(), device: generateSigningKey() };
    const context: RouterContext = {
      clock: () => 1_750_000_000_000,
      catalog: { byTask: (task) => (task === 'code' ? [only] : []), get: (id) => (id === only.id ? only : undefined) },
      emit: () => {},
      signer,
      publisher: { publishAcknowledged: async (batches) => apply(batches), catchUp: () => {} },
    };
    const ledger: LedgerPort = {
      balance: () => 10_000_000,
      spentSince: () => 0,
      charge: async (request, alongside) => {
        apply(alongside?.() ?? []);
        return { hash: 'c'.repeat(64), cost: request.inputTokens + request.outputTokens };
      },
    };
    const router = await openRouter(context, { dataDir: dir, secrets: new SecretFiles(dir, null), stats, ledger });
    await router.parts.settings.update({ explorationBps: 0 });
    const ask = { task: 'code', messages: [{ role: 'user' as const, content: 'Add two numbers' }] };
    try {
      const first = await router.call(ask);
      expect(bodies[0]).not.toHaveProperty('max_tokens');
      expect(first.plan.estimate).toMatchObject({ outputTokens: DEFAULT_OUTPUT_TOKENS, source: 'default', calls: 0 });
      expect(first.plan.chosen.estimatedCost).toBe(first.plan.estimate.inputTokens + DEFAULT_OUTPUT_TOKENS);

      await router.call({ ...ask, expectedOutputTokens: 40 });
      expect(bodies[1]).toHaveProperty('max_tokens', 40);

      // The call with a limit counts too: its answer length was observed all the same.
      for (let i = 2; i < MIN_LEARNED_OUTPUT - 1; i++) await router.call(ask);
      const before = router.plan(ask, router.newDecisionId(), false).plan;
      expect(before.estimate).toMatchObject({ outputTokens: DEFAULT_OUTPUT_TOKENS, source: 'default', calls: MIN_LEARNED_OUTPUT - 1 });

      await router.call(ask);
      expect(bodies.filter((b) => 'max_tokens' in b)).toHaveLength(1);
      const learned = router.plan(ask, router.newDecisionId(), false).plan;
      expect(learned.estimate).toMatchObject({ outputTokens: ANSWER_TOKENS, source: 'learned', calls: MIN_LEARNED_OUTPUT });
      expect(learned.chosen.output).toEqual({ outputTokens: ANSWER_TOKENS, source: 'learned', calls: MIN_LEARNED_OUTPUT });
      expect(learned.chosen.estimatedCost).toBe(learned.estimate.inputTokens + ANSWER_TOKENS);

      const asked = router.plan({ ...ask, expectedOutputTokens: 900 }, router.newDecisionId(), false).plan;
      expect(asked.estimate).toMatchObject({ outputTokens: 900, source: 'caller' });
    } finally {
      router.close();
    }
  });
});
