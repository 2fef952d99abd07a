import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../src-shared/catalog';
import { modelIdOf, type ListingBody } from '../../src-shared/domain';
import { AppError } from '../../src-shared/errors';
import { catalogDocOf, publishModel, retireModel, type CatalogContext } from '../../src-main/engine/catalog';
import { generateSigningKey, type SigningKey } from '../../src-main/engine/identity/keys';
import type { SignedRecord } from '../../src-main/engine/records/signed';

/**
 * Catalog publish with plain fakes of its port (catalog/context.ts): no Engine is opened. The fake
 * index lists what the fake publish received, as the engine's ingest would.
 */
describe('catalog publish through its port', () => {
  const NOW = 1_790_000_000_000;
  const LISTING: Omit<ListingBody, 'retired'> = {
    slug: 'contract-reader',
    name: 'Contract reader',
    description: 'Reads contracts',
    tasks: ['legal'],
    industries: ['law'],
    modality: 'text',
    contextWindow: 32_000,
    endpoint: { baseUrl: 'http://127.0.0.1:9/v1', model: 'reader' },
    version: '1',
    claimed: { accuracyBps: { legal: 8_800 }, latencyP50Ms: 400, latencyP95Ms: 900, successRateBps: 9_900, throughputTps: 80 },
  };

  function fakeContext(options: { marketplace?: string | null; demoProducer?: SigningKey; seqs?: Record<string, number> } = {}) {
    const identity = generateSigningKey();
    const published: Array<{ doc: string; records: SignedRecord[] }> = [];
    const batched: string[] = [];
    const listed = new Map<string, CatalogItem>();
    const context: CatalogContext = {
      clock: () => NOW,
      keys: { identity, demoProducer: options.demoProducer ?? null },
      marketplace: { id: options.marketplace === undefined ? 'm'.repeat(64) : options.marketplace },
      catalog: {
        listing: (modelId) => (listed.has(modelId) ? { ...LISTING, retired: false } : null),
        nextSeq: (kind, subject) => options.seqs?.[`${kind}:${subject}`] ?? 1,
      },
      catalogIndex: { get: (modelId) => listed.get(modelId) },
      ownBatches: {
        with: (doc, records) => {
          batched.push(doc);
          return records;
        },
      },
      publish: async (doc, records) => {
        published.push({ doc, records });
        for (const r of records) if (r.payload.kind === 'listing') listed.set(r.payload.subject, { id: r.payload.subject, retired: (r.payload.body as ListingBody).retired } as CatalogItem);
      },
    };
    return { context, identity, published, batched };
  }

  it('signs the listing and its first price with the producer key, at the next seqs and the port clock, into the producer catalog document', async () => {
    const { context, identity, published, batched } = fakeContext();
    const modelId = modelIdOf(identity.publicKey, LISTING.slug);
    const price = { inputPer1M: 1_000_000, outputPer1M: 2_000_000, perRequest: 0 };
    const item = await publishModel(context, LISTING, price);
    expect(item.id).toBe(modelId);
    expect(batched).toEqual([catalogDocOf(identity.publicKey)]);
    expect(published.map((p) => p.doc)).toEqual([catalogDocOf(identity.publicKey)]);
    expect(published[0]!.records.map((r) => r.payload)).toMatchObject([
      { kind: 'listing', subject: modelId, seq: 1, ts: NOW, author: identity.publicKey, body: { ...LISTING, retired: false } },
      { kind: 'price', subject: modelId, seq: 1, ts: NOW, author: identity.publicKey, body: { modelId, price, effectiveFrom: NOW } },
    ]);
  });

  it('in a demo folder the demo producer signs, and an edit takes the seq the catalog names', async () => {
    const demoProducer = generateSigningKey();
    const modelId = modelIdOf(demoProducer.publicKey, LISTING.slug);
    const { context, published } = fakeContext({ demoProducer, seqs: { [`listing:${modelId}`]: 4 } });
    await publishModel(context, LISTING);
    expect(published[0]!.doc).toBe(catalogDocOf(demoProducer.publicKey));
    expect(published[0]!.records.map((r) => [r.payload.author, r.payload.seq])).toEqual([[demoProducer.publicKey, 4]]);
  });

  it('refuses, publishing nothing: a listing before any marketplace, and retiring another producer model', async () => {
    const early = fakeContext({ marketplace: null });
    const notReady = await publishModel(early.context, LISTING).catch((e: unknown) => e);
    expect((notReady as AppError).code).toBe('NOT_READY');
    expect(early.published).toEqual([]);
    const other = fakeContext();
    const forbidden = await retireModel(other.context, modelIdOf(generateSigningKey().publicKey, 'theirs')).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(AppError);
    expect((forbidden as AppError).code).toBe('FORBIDDEN');
    expect(other.published).toEqual([]);
  });

  it('retiring one of its own models signs a retired listing at the port clock', async () => {
    const { context, identity, published } = fakeContext();
    const modelId = modelIdOf(identity.publicKey, LISTING.slug);
    await publishModel(context, LISTING);
    const item = await retireModel(context, modelId);
    expect(item).toMatchObject({ id: modelId, retired: true });
    expect(published[1]!.records[0]!.payload).toMatchObject({ kind: 'listing', subject: modelId, body: { retired: true }, ts: NOW });
  });
});
