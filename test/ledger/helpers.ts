import type { LedgerEntryView } from '../../src-shared/ledger';
import type { Price } from '../../src-shared/money';
import type { Engine } from '../../src-main/engine/engine';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { appendCharge, type ChargeInput } from '../../src-main/engine/ledger/append';
import { Fixture, ok } from '../engine/helpers';

export { Fixture, fail, ok } from '../engine/helpers';

/** A producer the charges pay: only its key matters, the model need not be listed. */
export const PRODUCER = generateSigningKey().publicKey;
export const MODEL = `${PRODUCER}:clause-analyst`;

/** A price that makes a call with no tokens cost exactly `cost`. */
export const flat = (cost: number): Price => ({ inputPer1M: 0, outputPer1M: 0, perRequest: cost });

export function charge(engine: Engine, id: string, cost: number, extra: Partial<ChargeInput> = {}): Promise<LedgerEntryView> {
  return appendCharge(engine, { id, modelId: MODEL, producerKey: PRODUCER, price: flat(cost), inputTokens: 0, outputTokens: 0, usageEstimated: false, latencyMs: 120, ...extra });
}

/** An engine that holds the treasury of a fresh marketplace (fee 5 % unless told). */
export async function treasuryEngine(fx: Fixture, feeBps?: number, dataDir?: string): Promise<Engine> {
  const engine = await fx.open(dataDir);
  await ok(engine, 'marketplace.create', { name: 'Ledger test market', ...(feeBps !== undefined ? { feeBps } : {}) });
  return engine;
}

export const userOf = (engine: Engine) => `user:${engine.keys.identity.publicKey}`;

export async function balanceOf(engine: Engine, account: string): Promise<number> {
  return (await ok<{ balance: number }>(engine, 'ledger.balance', { account })).balance;
}

/** The export's lines as parsed JSON values. */
export async function exportOf(engine: Engine): Promise<Array<Record<string, unknown>>> {
  const { jsonl } = await ok<{ jsonl: string }>(engine, 'ledger.export');
  return jsonl
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Decodes a record line the way an outsider would: base64 → signature ‖ canonical JSON. */
export function payloadOf(line: Record<string, unknown>): { kind: string; author: string; seq: number; ts: number; body: Record<string, unknown> } {
  return JSON.parse(Buffer.from(String(line.bytes), 'base64').subarray(64).toString('utf8'));
}
