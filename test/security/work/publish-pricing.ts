/**
 * A crash-test work loop (see ../crash-harness.ts): publishes models and reprices them without end,
 * printing one JSON line per acknowledged operation. Usage: publish-pricing.ts <dataDir> <round>
 */
import { Engine } from '../../../src-main/engine/engine';

const [dataDir, round = '0'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: publish-pricing.ts <dataDir> <round>');

const engine = await Engine.open({ dataDir, dataKey: null });
const ack = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function call<T>(name: string, input: unknown): Promise<T> {
  const answer = await engine.dispatch(name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.code} ${answer.error.message}`);
  return answer.result as T;
}

const health = await call<{ marketplace: unknown }>('system.health', {});
if (!health.marketplace) await call('marketplace.create', { name: 'Crash test market' });
ack({ op: 'ready', round });

for (let i = 0; ; i++) {
  const slug = `crash-r${round}-${i}`;
  const item = await call<{ id: string }>('models.publish', {
    slug,
    name: `Crash ${round}/${i}`,
    description: 'published by the crash test loop',
    tasks: ['chat'],
    industries: [],
    modality: 'text',
    contextWindow: 8_192,
    endpoint: { baseUrl: 'http://127.0.0.1:5318/v1', model: slug },
    version: '1.0.0',
    claimed: { accuracyBps: { chat: 7_000 }, latencyP50Ms: 300, latencyP95Ms: 800, successRateBps: 9_900, throughputTps: 50 },
    price: { inputPer1M: 1_000, outputPer1M: 2_000, perRequest: 0 },
  });
  ack({ op: 'publish', modelId: item.id });
  const price = { inputPer1M: 1_000 + i + 1, outputPer1M: 2_000 + i + 1, perRequest: i % 3 };
  const change = await call<{ hash: string; seq: number }>('pricing.set', { modelId: item.id, price });
  ack({ op: 'price', modelId: item.id, hash: change.hash, seq: change.seq, price });
}
