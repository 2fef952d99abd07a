import type { CatalogRow } from '../../src-shared/catalog';
import type { CommandOutput } from '../../src-shared/contract';
import { referenceCallCost } from '../../src-shared/money';

/** A syntactically valid 43-character base64url public key, distinct per seed. */
export function fakeKey(seed: string): string {
  return (seed.replace(/[^A-Za-z0-9_-]/g, '') + 'x'.repeat(43)).slice(0, 43);
}

export const PRODUCER_KEY = fakeKey('producerAcme');
export const IDENTITY_KEY = fakeKey('identityLocal');

let counter = 0;

/**
 * A complete catalog row of the real type; override only what a test is about. Its figure is the
 * best task's, derived from the final fields unless the test gives one.
 */
export function makeCatalogItem(overrides: Partial<CatalogRow> = {}): CatalogRow {
  counter += 1;
  const producerKey = overrides.producerKey ?? PRODUCER_KEY;
  const slug = overrides.slug ?? `model-${counter}`;
  const price = overrides.price === undefined ? { inputPer1M: 2_500_000, outputPer1M: 10_000_000, perRequest: 0 } : overrides.price;
  const item: Omit<CatalogRow, 'figure'> & { figure?: CatalogRow['figure'] } = {
    id: `${producerKey}:${slug}`,
    producerKey,
    producerName: 'Acme AI',
    slug,
    name: `Model ${counter}`,
    description: 'A model for tests.',
    tasks: ['code', 'chat'],
    industries: [],
    modality: 'text',
    contextWindow: 128_000,
    version: '1.0.0',
    endpoint: { baseUrl: 'https://api.acme.test/v1', model: slug },
    price,
    referenceCost: price === null ? null : referenceCallCost(price),
    bestAccuracyBps: 9_150,
    bestTask: 'code',
    valueScore: 1_000,
    metrics: {
      accuracyBps: { code: { value: 9_150, source: 'measured' }, chat: { value: 8_000, source: 'claimed' } },
      latencyP50Ms: { value: 420, source: 'claimed' },
      latencyP95Ms: { value: 1_250, source: 'claimed' },
      successRateBps: { value: 9_900, source: 'measured' },
      throughputTps: { value: 80, source: 'claimed' },
      ratingX100: { value: 437, source: 'reviews' },
      popularity: { value: 12, source: 'measured' },
    },
    retired: false,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
  const task = item.bestTask;
  const figure = item.figure ?? {
    task,
    scope: 'best' as const,
    accuracyBps: item.bestAccuracyBps,
    accuracySource: task === null ? null : (item.metrics.accuracyBps[task]?.source ?? null),
    valueScore: item.valueScore,
    valueRank: item.referenceCost === null || item.retired ? null : 1,
    valueOf: 1,
  };
  return { ...item, figure };
}

export type Health = CommandOutput<'system.health'>;
export type MarketplaceInfo = NonNullable<Health['marketplace']>;

export const DEMO_MARKETPLACE: MarketplaceInfo = {
  id: fakeKey('treasuryDemo'),
  name: 'Demo marketplace',
  feeBps: 500,
  epochSeconds: 7 * 86_400,
  graceSeconds: 86_400,
  isTreasury: true,
};

export function makeHealth(marketplace: MarketplaceInfo | null = DEMO_MARKETPLACE): Health {
  return {
    version: '0.1.0',
    dataDir: '/tmp/infiniroute-test',
    identity: { publicKey: IDENTITY_KEY, deviceKey: fakeKey('deviceLocal'), producerKey: IDENTITY_KEY, demoProducer: false },
    marketplace,
    counts: { producers: 1, models: 3, records: 10, quarantined: 0 },
    startedAt: 1_700_000_000_000,
  };
}
