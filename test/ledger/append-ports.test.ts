import { describe, expect, it } from 'vitest';
import { GENESIS_PREV, type LedgerEntryBody } from '../../src-shared/ledger';
import { generateSigningKey, SignatureVerifier } from '../../src-main/engine/identity/keys';
import { appendCharge, appendDeposit } from '../../src-main/engine/ledger/append';
import type { AppendContext } from '../../src-main/engine/ledger/context';
import type { AppliedEntry } from '../../src-main/engine/ledger/ledger-index';
import { KeyedQueue } from '../../src-main/engine/ledger/queue';
import type { PublishBatch } from '../../src-main/engine/publisher';
import { decodeRecord, type SignedRecord } from '../../src-main/engine/records/signed';

/**
 * Ledger appends through their port (ledger/context.ts) with plain fakes: no Engine is opened. The
 * fake ledger applies whatever is published at once and holds fixed balances, so each test names
 * exactly the state the use case reads.
 */
function fakeLedger(options: { now?: number; balance?: number; lastTs?: number; feeBps?: number; treasury?: boolean } = {}) {
  const identity = generateSigningKey();
  const device = generateSigningKey();
  const treasury = generateSigningKey();
  const entries = new Map<string, AppliedEntry>();
  const published: Array<{ doc: string; records: SignedRecord[] }> = [];
  const acknowledged: PublishBatch[][] = [];
  let catchUps = 0;
  const apply = (record: SignedRecord) => {
    const body = record.payload.body as LedgerEntryBody;
    const { author: chain, seq, ts } = record.payload;
    entries.set(record.hash, { hash: record.hash, record, body, chain, seq, ts, kind: body.kind });
  };
  const ofChain = (chain: string) => [...entries.values()].filter((e) => e.chain === chain).sort((a, b) => a.seq - b.seq);
  const context: AppendContext = {
    clock: () => options.now ?? 1_000_000,
    keys: { identity, device, treasury: options.treasury === false ? null : treasury },
    marketplace: { id: treasury.publicKey },
    ledger: {
      writes: new KeyedQueue(),
      entryById: (chain, id) => ofChain(chain).find((e) => e.body.id === id),
      entry: (hash) => entries.get(hash),
      head: (chain) => {
        const last = ofChain(chain).at(-1);
        return { seq: last?.seq ?? 0, hash: last?.hash ?? null, ts: last?.ts ?? 0, broken: null };
      },
      checkNext: () => null,
      feeBps: () => options.feeBps ?? 500,
      balance: () => options.balance ?? 0,
      lastTs: () => options.lastTs ?? 0,
    },
    publisher: {
      publish: async (doc, records) => {
        published.push({ doc, records });
        records.forEach(apply);
      },
      publishAcknowledged: async (batches) => {
        acknowledged.push([...batches]);
      },
      catchUp: () => {
        catchUps += 1;
      },
    },
  };
  return { context, identity, device, treasury, published, acknowledged, catchUps: () => catchUps };
}

const verifier = new SignatureVerifier();
const flat = (perRequest: number) => ({ inputPer1M: 0, outputPer1M: 0, perRequest });

describe('ledger appends through the ledger port', () => {
  it('a deposit is signed by the treasury at the genesis of its chain and published in its ledger document', async () => {
    const { context, identity, treasury, published } = fakeLedger({ now: 5_000 });
    const entry = await appendDeposit(context, { amount: 70_000, id: 'dep-1' });
    expect(entry).toMatchObject({ chain: treasury.publicKey, seq: 1, ts: 5_000, id: 'dep-1', kind: 'deposit', prev: GENESIS_PREV, identity: treasury.publicKey });
    expect(entry.postings).toEqual([
      { account: 'treasury', amount: -70_000 },
      { account: `user:${identity.publicKey}`, amount: 70_000 },
    ]);
    expect(published).toHaveLength(1);
    expect(published[0]?.doc).toMatch(/^ledger\//);
    const decoded = decodeRecord(published[0]!.records[0]!.bytes, verifier);
    expect(decoded.ok && decoded.record.payload.author).toBe(treasury.publicKey);
  });

  it('a second entry links to the first, and a retry with the same id returns the first entry unchanged', async () => {
    const { context, published } = fakeLedger();
    const first = await appendDeposit(context, { amount: 10, id: 'a' });
    const second = await appendDeposit(context, { amount: 20, id: 'b' });
    expect(second).toMatchObject({ seq: 2, prev: first.hash });
    expect(await appendDeposit(context, { amount: 10, id: 'a' })).toEqual(first);
    await expect(appendDeposit(context, { amount: 11, id: 'a' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(published).toHaveLength(2);
  });

  it('only the treasury deposits, and a refused deposit publishes nothing', async () => {
    const { context, published } = fakeLedger({ treasury: false });
    await expect(appendDeposit(context, { amount: 10 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(appendDeposit(fakeLedger().context, { amount: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(published).toEqual([]);
  });

  it('a charge splits the cost between producer and pool by the fee in force, timed after the payer\'s last credit', async () => {
    const producer = generateSigningKey().publicKey;
    const { context, device, identity, published, catchUps } = fakeLedger({ balance: 10_000, lastTs: 2_000_000, feeBps: 1_000 });
    const payer = `user:${identity.publicKey}`;
    const entry = await appendCharge(context, { id: 'call-1', modelId: `${producer}:m`, producerKey: producer, price: flat(10_000), inputTokens: 0, outputTokens: 0, usageEstimated: false, latencyMs: 40 });
    expect(entry).toMatchObject({ chain: device.publicKey, identity: identity.publicKey, kind: 'charge', ts: 2_000_000, memo: { cost: 10_000, fee: 1_000 } });
    expect(entry.postings).toEqual([
      { account: payer, amount: -10_000 },
      { account: `producer:${producer}`, amount: 9_000 },
      { account: 'pool:rewards', amount: 1_000 },
    ]);
    expect(published).toHaveLength(1);
    expect(catchUps()).toBe(1);
  });

  it('a charge the balance does not cover is refused and publishes nothing', async () => {
    const producer = generateSigningKey().publicKey;
    const { context, published, acknowledged } = fakeLedger({ balance: 0 });
    await expect(
      appendCharge(context, { id: 'call-1', modelId: `${producer}:m`, producerKey: producer, price: flat(1), inputTokens: 0, outputTokens: 0, usageEstimated: false, latencyMs: 1 }, () => []),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    expect(published).toEqual([]);
    expect(acknowledged).toEqual([]);
  });

  it('a charge with records alongside is acknowledged in one write with them', async () => {
    const producer = generateSigningKey().publicKey;
    const probe = fakeLedger({ balance: 5 });
    const { context } = probe;
    const observation = { doc: 'observations/x', records: [] };
    const entry = await appendCharge(context, { id: 'call-2', modelId: `${producer}:m`, producerKey: producer, price: flat(5), inputTokens: 0, outputTokens: 0, usageEstimated: false, latencyMs: 1 }, () => [observation]);
    expect(probe.published).toEqual([]);
    expect(probe.acknowledged).toHaveLength(1);
    const [batch] = probe.acknowledged;
    expect(batch?.[0]?.records[0]?.hash).toBe(entry.hash);
    expect(batch?.[1]).toBe(observation);
  });
});
