import type { ListingBody } from '../../../src-shared/domain';
import { MICRO_PER_CREDIT } from '../../../src-shared/money';
import type { Engine } from '../engine';
import { saveDemoProducerKey } from '../identity/identity';
import { generateSigningKey, type SigningKey } from '../identity/keys';
import { createMarketplace } from '../marketplace/create';
import type { MarketplaceInfo } from '../marketplace/marketplace-state';
import { DEMO_PRODUCERS, LOCAL_PRODUCER, type DemoProducer } from './demo-catalog';
import { seedDemoEpoch } from './demo-epoch';
import { seedDemoLedger } from './demo-ledger';
import { seedDemoObservations } from './demo-observations';
import { producerRecords, seededRandom, type PricePoint } from './producer-kit';

/** Where the demo's endpoints answer: `infiniroute provider-sim` listens here by default. */
export const DEMO_ENDPOINT = 'http://127.0.0.1:5318/v1';
const DAY = 86_400_000;

function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 63);
}

function roundMicro(credits: number): number {
  // Prices are set as whole thousandths of a credit, like a producer would type them.
  return Math.round(credits * 1_000) * (MICRO_PER_CREDIT / 1_000);
}

/** One producer's models with plausible claimed metrics and a price history (some repriced). */
export function demoModels(p: DemoProducer, random: () => number, now: number): Array<{ listing: ListingBody; prices: PricePoint[] }> {
  return p.models.map((name, i) => {
    const size = Number(/(\d+)B/.exec(name)?.[1] ?? 13);
    const quality = Math.min(0.97, 0.62 + Math.log10(size + 1) * 0.14 + random() * 0.06);
    const inputCredits = p.band[0] + (p.band[1] - p.band[0]) * Math.min(1, Math.log10(size + 1) / 2.6) * (0.7 + random() * 0.4);
    const p50 = Math.round(150 + size * 6 + random() * 250);
    const tasks = p.tasks.slice(0, 1 + (i % p.tasks.length));
    const accuracyBps: Record<string, number> = {};
    tasks.forEach((task, t) => {
      accuracyBps[task] = Math.round((quality - t * 0.03 - random() * 0.02) * 10_000);
    });
    const price = { inputPer1M: roundMicro(inputCredits), outputPer1M: roundMicro(inputCredits * (2 + random() * 2)), perRequest: p.perRequestMicro };
    const prices: PricePoint[] = [{ price, effectiveFrom: now - 60 * DAY }];
    if (i % 2 === 0) {
      const factor = 0.8 + random() * 0.3;
      prices.push({
        price: { ...price, inputPer1M: roundMicro((price.inputPer1M / MICRO_PER_CREDIT) * factor), outputPer1M: roundMicro((price.outputPer1M / MICRO_PER_CREDIT) * factor) },
        effectiveFrom: now - Math.round((5 + random() * 20) * DAY),
      });
    }
    const listing: ListingBody = {
      slug: slugOf(name),
      name,
      description: `${name} by ${p.name}. ${p.description}`,
      tasks,
      industries: p.industries,
      modality: name.includes('Vision') ? 'text+image' : name.includes('Embed') ? 'embedding' : 'text',
      contextWindow: name.includes('128k') ? 131_072 : [8_192, 32_768, 65_536, 131_072][i % 4]!,
      endpoint: { baseUrl: DEMO_ENDPOINT, model: slugOf(name) },
      version: `1.${i}.0`,
      claimed: {
        accuracyBps,
        latencyP50Ms: p50,
        latencyP95Ms: Math.round(p50 * (1.8 + random() * 0.8)),
        successRateBps: Math.round(9_700 + random() * 295),
        throughputTps: Math.round(2_000 / Math.sqrt(size + 1) + random() * 20),
      },
      retired: false,
    };
    return { listing, prices };
  });
}

/**
 * Fills an empty data folder with the demo marketplace. The local identity is a plain buyer with a
 * balance, so its first routed call may go to any producer and it can review what answered. Two
 * keys are kept beside it, as secret files like the identity's: the treasury's
 * (identity/treasury.pem) and one producer's, My Model Lab (identity/demo-producer.pem), which the
 * producer console signs with ("act as producer"). The other producers' keys sign their records
 * here and are then forgotten.
 */
export async function seedDemo(engine: Engine): Promise<MarketplaceInfo> {
  const info = await createMarketplace(engine, { name: 'InfiniRoute Demo Marketplace', feeBps: 500, epochSeconds: 7 * 86_400, graceSeconds: 86_400 });
  const now = engine.clock();
  const random = seededRandom(20_261_125);
  const demoProducer = generateSigningKey();
  await saveDemoProducerKey(engine.secrets, demoProducer);
  engine.keys.demoProducer = demoProducer;
  const producers: Array<{ key: SigningKey; producer: DemoProducer }> = [
    { key: demoProducer, producer: LOCAL_PRODUCER },
    ...DEMO_PRODUCERS.map((producer) => ({ key: generateSigningKey(), producer })),
  ];
  for (const { key, producer } of producers) {
    const profile = { name: producer.name, description: producer.description, contact: `models@${new URL(producer.website).hostname}`, website: producer.website };
    const records = producerRecords(key, profile, demoModels(producer, random, now), now - 90 * DAY);
    await engine.publish(`catalog/${key.publicKey}`, records);
  }
  const calls = await seedDemoLedger(engine, random);
  await seedDemoObservations(engine, calls, random);
  await seedDemoEpoch(engine, random);
  await engine.markDemo();
  return info;
}
