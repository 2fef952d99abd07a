/**
 * A crash-test work loop (see ../crash-harness.ts) mixing every kind of write: routed calls (each a
 * ledger charge and signed observations), verified reviews, feedback, publishing and repricing,
 * while linked to a live peer that publishes too (so received records are being verified and stored
 * when the kill lands). One JSON line per acknowledged operation; `sync` lines say how many records
 * came from the peer so far. Usage: mixed.ts <dataDir> <round> <syncPort> <peerAddress>
 */
import { createHash } from 'node:crypto';
import { Engine } from '../../../src-main/engine/engine';
import { startSimulator } from '../../../src-main/engine/providers/simulator';
import { draftOf, signRecord } from '../../../src-main/engine/records/signed';
import { keyFromSeed } from '../../../src-main/engine/seed/producer-kit';

const [dataDir, round = '0', syncPort, peerAddress] = process.argv.slice(2);
if (!dataDir || !syncPort || !peerAddress) throw new Error('usage: mixed.ts <dataDir> <round> <syncPort> <peerAddress>');

const engine = await Engine.open({ dataDir, dataKey: null });
const sim = await startSimulator({ port: 0, latencyMs: 1 });
// Back at the address the peer knows (it redials it), and dialling the peer too: whichever link wins.
await engine.sync.listen('127.0.0.1', Number(syncPort));
engine.sync.goOnline({ mdns: false });
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
if (!health.marketplace) throw new Error('the crash test sets up the marketplace (and the peer) before the first round');
await call('sync.connect', { address: peerAddress });
// Linked, and the peer's records streaming in: the kill is meant to land while they are taken in.
for (const deadline = Date.now() + 30_000; (await call<{ peers: unknown[] }>('sync.status', {})).peers.length === 0 || engine.sync.queue.received === 0; ) {
  if (Date.now() > deadline) throw new Error(`no link to the peer at ${peerAddress}, or nothing arrived from it`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
await call('ledger.deposit', { amount: 100_000_000, id: `fund-${round}` });
// Another producer's model on this round's simulator, signed by that producer (so we may review it).
const other = keyFromSeed(createHash('sha256').update(`crash-producer-${round}`).digest());
const otherId = `${other.publicKey}:helper-${round}`;
const record = signRecord(other, draftOf('listing', otherId, 1, { ...listing(`helper-${round}`, sim.url), retired: false }));
const price = signRecord(other, draftOf('price', otherId, 1, { modelId: otherId, price: { inputPer1M: 1_000_000, outputPer1M: 1_000_000, perRequest: 0 }, effectiveFrom: 0 }));
await engine.publish(`catalog/${other.publicKey}`, [record, price]);
const syncAck = () => ({ op: 'sync', received: engine.sync.queue.received, processed: engine.sync.queue.processed, active: engine.sync.progress().active });
ack({ op: 'ready', round });
ack(syncAck());

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
  const feedback = await call<{ hash: string }>('feedback.submit', { decisionId: out.decisionId, up: i % 2 === 0 });
  ack({ op: 'feedback', decisionId: out.decisionId, hash: feedback.hash });
  const mine = await call<{ id: string }>('models.publish', { ...listing(`own-${round}-${i}`, sim.url), price: { inputPer1M: 1_000, outputPer1M: 1_000, perRequest: 0 } });
  ack({ op: 'publish', modelId: mine.id });
  const change = await call<{ hash: string }>('pricing.set', { modelId: mine.id, price: { inputPer1M: 2_000 + i, outputPer1M: 2_000, perRequest: 0 } });
  ack({ op: 'price', modelId: mine.id, hash: change.hash });
  ack(syncAck());
}
