/**
 * A crash-test work loop (see ../crash-harness.ts) mixing every kind of write: routed calls (each a
 * ledger charge and signed observations), verified reviews, feedback, publishing and repricing.
 * One JSON line per acknowledged operation. Usage: mixed.ts <dataDir> <round>
 */
import { createHash } from 'node:crypto';
import { Engine } from '../../../src-main/engine/engine';
import { startSimulator } from '../../../src-main/engine/providers/simulator';
import { draftOf, signRecord } from '../../../src-main/engine/records/signed';
import { keyFromSeed } from '../../../src-main/engine/seed/producer-kit';

const [dataDir, round = '0'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: mixed.ts <dataDir> <round>');

const engine = await Engine.open({ dataDir, dataKey: null });
const sim = await startSimulator({ port: 0, latencyMs: 1 });
const ack = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function call<T>(name: string, input: unknown): Promise<T> {
  const answer = await engine.dispatch(name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
  return answer.result as T;
}

const listing = (slug: string, baseUrl: string) => ({
  slug,
  name: slug,
  description: 'crash test',
  tasks: ['support'],
  industries: [],
  modality: 'text' as const,
  contextWindow: 8_192,
  endpoint: { baseUrl, model: slug },
  version: '1',
  claimed: { accuracyBps: { support: 8_000 }, latencyP50Ms: 10, latencyP95Ms: 20, successRateBps: 9_900, throughputTps: 50 },
});

const health = await call<{ marketplace: unknown }>('system.health', {});
if (!health.marketplace) await call('marketplace.create', { name: 'Crash test market' });
await call('ledger.deposit', { amount: 100_000_000, id: `fund-${round}` });
// Another producer's model on this round's simulator, signed by that producer (so we may review it).
const other = keyFromSeed(createHash('sha256').update(`crash-producer-${round}`).digest());
const otherId = `${other.publicKey}:helper-${round}`;
const record = signRecord(other, draftOf('listing', otherId, 1, { ...listing(`helper-${round}`, sim.url), retired: false }));
const price = signRecord(other, draftOf('price', otherId, 1, { modelId: otherId, price: { inputPer1M: 1_000_000, outputPer1M: 1_000_000, perRequest: 0 }, effectiveFrom: 0 }));
await engine.publish(`catalog/${other.publicKey}`, [record, price]);
ack({ op: 'ready', round });

for (let i = 0; ; i++) {
  const out = await call<{ chargeHash: string; decisionId: string; cost: number }>('route.call', {
    task: 'support',
    messages: [{ role: 'user', content: `question ${round}/${i}` }],
    constraints: { pinnedModel: otherId },
    expectedOutputTokens: 32,
  });
  ack({ op: 'call', chargeHash: out.chargeHash, decisionId: out.decisionId, cost: out.cost });
  const review = await call<{ hash: string }>('reviews.submit', { modelId: otherId, rating: 1 + (i % 5), text: `review ${i}`, chargeId: out.chargeHash });
  ack({ op: 'review', modelId: otherId, rating: 1 + (i % 5), hash: review.hash });
  await call('feedback.submit', { decisionId: out.decisionId, up: i % 2 === 0 });
  ack({ op: 'feedback', decisionId: out.decisionId });
  const mine = await call<{ id: string }>('models.publish', { ...listing(`own-${round}-${i}`, sim.url), price: { inputPer1M: 1_000, outputPer1M: 1_000, perRequest: 0 } });
  ack({ op: 'publish', modelId: mine.id });
  const change = await call<{ hash: string }>('pricing.set', { modelId: mine.id, price: { inputPer1M: 2_000 + i, outputPer1M: 2_000, perRequest: 0 } });
  ack({ op: 'price', modelId: mine.id, hash: change.hash });
}
