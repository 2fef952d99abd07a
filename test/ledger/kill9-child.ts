/**
 * The process test/ledger/kill9.test.ts kills with SIGKILL: it appends ledger entries in a loop, two
 * chains at once (treasury deposits and device charges), and prints each entry id only once the
 * engine acknowledged it. Usage: node bin/run-ts.mjs test/ledger/kill9-child.ts DATA_DIR
 */
import { Engine } from '../../src-main/engine/engine';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { appendCharge, appendDeposit } from '../../src-main/engine/ledger/append';
import { createMarketplace, DEFAULT_CONFIG } from '../../src-main/engine/marketplace/create';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: kill9-child.ts DATA_DIR');
const engine = await Engine.open({ dataDir });
if (engine.marketplace.id === null) await createMarketplace(engine, { name: 'kill -9', ...DEFAULT_CONFIG });
const producer = generateSigningKey().publicKey;
const ack = (id: string) => process.stdout.write(`ack ${id}\n`);
for (let i = 0; ; i++) {
  await Promise.all([
    appendDeposit(engine, { amount: 1_000, id: `dep-${i}` }).then(() => ack(`dep-${i}`)),
    appendCharge(engine, { id: `chg-${i}`, modelId: `${producer}:m`, producerKey: producer, price: { inputPer1M: 0, outputPer1M: 0, perRequest: 1 }, inputTokens: 0, outputTokens: 0, usageEstimated: false, latencyMs: 1 })
      .then(() => ack(`chg-${i}`))
      // The first charge can race the first deposit: a refused charge was never acknowledged.
      .catch((error: { code?: string }) => {
        if (error.code !== 'INSUFFICIENT_FUNDS') throw error;
      }),
  ]);
}
