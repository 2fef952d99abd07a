import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../src-shared/contract';
import { GENESIS_PREV, type LedgerEntryView } from '../../src-shared/ledger';
import { Engine } from '../../src-main/engine/engine';
import { appendRefund } from '../../src-main/engine/ledger/append';
import { MODEL, PRODUCER, Fixture, balanceOf, charge, fail, ok, treasuryEngine, userOf } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

const sum = (e: LedgerEntryView) => e.postings.reduce((t, p) => t + p.amount, 0);

describe('double entry in hash chains', () => {
  it('chains each signer\'s entries by seq and prev, and every entry balances to zero', async () => {
    const engine = await treasuryEngine(fx);
    const d1 = await ok<LedgerEntryView>(engine, 'ledger.deposit', { amount: 5_000_000 });
    const d2 = await ok<LedgerEntryView>(engine, 'ledger.deposit', { amount: 1_000_000, note: 'top-up' });
    const c1 = await charge(engine, 'call-1', 40_000);
    const c2 = await charge(engine, 'call-2', 2_500);
    // Deposits live in the treasury's chain, charges in this device's chain.
    expect([d1.chain, d2.chain]).toEqual([engine.marketplace.id, engine.marketplace.id]);
    expect([c1.chain, c2.chain]).toEqual([engine.keys.device.publicKey, engine.keys.device.publicKey]);
    expect([d1.seq, d2.seq, c1.seq, c2.seq]).toEqual([1, 2, 1, 2]);
    expect([d1.prev, d2.prev, c1.prev, c2.prev]).toEqual([GENESIS_PREV, d1.hash, GENESIS_PREV, c1.hash]);
    for (const e of [d1, d2, c1, c2]) expect(sum(e)).toBe(0);
    expect(c1.postings).toEqual([
      { account: userOf(engine), amount: -40_000 },
      { account: `producer:${PRODUCER}`, amount: 38_000 },
      { account: 'pool:rewards', amount: 2_000 },
    ]);
    expect(await balanceOf(engine, userOf(engine))).toBe(6_000_000 - 42_500);
    expect(await balanceOf(engine, `producer:${PRODUCER}`)).toBe(38_000 + 2_375);
    expect(await balanceOf(engine, 'pool:rewards')).toBe(2_000 + 125);
    expect(await balanceOf(engine, 'treasury')).toBe(-6_000_000);
  });

  it('takes the fee out of the cost with exact floor rounding', async () => {
    const engine = await treasuryEngine(fx);
    await ok(engine, 'ledger.deposit', { amount: 10_000_000 });
    const small = await charge(engine, 'c-19', 19);
    expect(small.memo).toMatchObject({ cost: 19, fee: 0 });
    expect(small.postings.map((p) => p.amount)).toEqual([-19, 19, 0]);
    const big = await charge(engine, 'c-big', 1_000_001);
    expect(big.memo).toMatchObject({ cost: 1_000_001, fee: 50_000 });
    expect(big.postings.map((p) => p.amount)).toEqual([-1_000_001, 950_001, 50_000]);
    const tokens = await charge(engine, 'c-tokens', 0, { price: { inputPer1M: 3_000_000, outputPer1M: 15_000_000, perRequest: 7 }, inputTokens: 1_234, outputTokens: 567 });
    // ceil(1,234 × 3) + ceil(567 × 15) + 7 = 3,702 + 8,505 + 7; fee floor(12,214 × 0.05) = 610.
    expect(tokens.memo).toMatchObject({ cost: 12_214, fee: 610, inputTokens: 1_234, outputTokens: 567 });
  });

  it('uses the fee rate of the signed marketplace config', async () => {
    const engine = await treasuryEngine(fx, 1_250);
    await ok(engine, 'ledger.deposit', { amount: 1_000_000 });
    expect((await charge(engine, 'c', 10_001)).memo).toMatchObject({ cost: 10_001, fee: 1_250 });
  });

  it('refuses a deposit from an engine that does not hold the treasury (FORBIDDEN), or outside a marketplace', async () => {
    const treasury = await treasuryEngine(fx);
    const stranger = await fx.open();
    expect((await fail(stranger, 'ledger.deposit', { amount: 1_000 })).code).toBe('NOT_READY');
    await stranger.adoptMarketplace(treasury.marketplace.id!);
    const error = await fail(stranger, 'ledger.deposit', { amount: 1_000 });
    expect(error.code).toBe('FORBIDDEN');
    expect(await balanceOf(stranger, userOf(stranger))).toBe(0);
    expect(stranger.docs.docNames().filter((d) => d.startsWith('ledger/'))).toEqual([]);
  });

  it('refuses a charge the balance does not cover (INSUFFICIENT_FUNDS) and writes nothing', async () => {
    const engine = await treasuryEngine(fx);
    await ok(engine, 'ledger.deposit', { amount: 1_000 });
    await charge(engine, 'ok', 600);
    const docsBefore = engine.docs.docNames().map((d) => [d, engine.docs.records(d).length]);
    await expect(charge(engine, 'too-much', 401)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { balance: 400, cost: 401 } });
    expect(engine.docs.docNames().map((d) => [d, engine.docs.records(d).length])).toEqual(docsBefore);
    expect(await balanceOf(engine, userOf(engine))).toBe(400);
    const exact = await charge(engine, 'exact', 400);
    expect(exact.seq).toBe(2);
    expect(await balanceOf(engine, userOf(engine))).toBe(0);
  });

  it('treats an entry id as an idempotency key: the same id twice is one entry, another body is CONFLICT', async () => {
    const engine = await treasuryEngine(fx);
    const first = await ok<LedgerEntryView>(engine, 'ledger.deposit', { amount: 5_000, id: 'dep-1' });
    expect(await ok(engine, 'ledger.deposit', { amount: 5_000, id: 'dep-1' })).toEqual(first);
    expect((await fail(engine, 'ledger.deposit', { amount: 6_000, id: 'dep-1' })).code).toBe('CONFLICT');
    const c = await charge(engine, 'call-7', 1_000);
    expect(await charge(engine, 'call-7', 1_000)).toEqual(c);
    await expect(charge(engine, 'call-7', 1_001)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(charge(engine, 'call-7', 1_000, { latencyMs: 999 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await balanceOf(engine, userOf(engine))).toBe(4_000);
    expect((await ok<{ total: number }>(engine, 'ledger.entries', {})).total).toBe(2);
  });

  it('never forks a chain under concurrent appends', async () => {
    const engine = await treasuryEngine(fx);
    await ok(engine, 'ledger.deposit', { amount: 1_000_000 });
    const work = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? ok(engine, 'ledger.deposit', { amount: 10 }) : charge(engine, `p-${i}`, 100 + i)));
    // The same id raced against itself is still one entry.
    work.push(charge(engine, 'p-1', 101), charge(engine, 'p-1', 101));
    await Promise.all(work);
    const verify = await ok<{ ok: boolean; chains: number; entries: number }>(engine, 'ledger.verify');
    expect(verify).toMatchObject({ ok: true, chains: 2, entries: 31 });
    expect(engine.ledger.head(engine.keys.device.publicKey).seq).toBe(20);
  });

  it('keeps every entry and balance across a restart and continues the chain', async () => {
    const dataDir = await fx.tempDir();
    const engine = await treasuryEngine(fx, undefined, dataDir);
    await ok(engine, 'ledger.deposit', { amount: 50_000 });
    const c = await charge(engine, 'before', 1_000);
    await fx.close(engine);
    const again = await fx.open(dataDir);
    expect(await balanceOf(again, userOf(again))).toBe(49_000);
    expect(await charge(again, 'before', 1_000)).toEqual(c);
    const next = await charge(again, 'after', 1_000);
    expect(next).toMatchObject({ seq: 2, prev: c.hash });
  });

  it('announces appended entries and the accounts they touch', async () => {
    const engine = await treasuryEngine(fx);
    const seen: EventMessage[] = [];
    engine.on((m) => seen.push(m));
    const d = await ok<LedgerEntryView>(engine, 'ledger.deposit', { amount: 1_000 });
    const events = seen.filter((m) => m.event === 'ledger.changed');
    expect(events).toEqual([{ event: 'ledger.changed', payload: { hashes: [d.hash], accounts: ['treasury', userOf(engine)] } }]);
  });

  it('lets the producer refund a charge on its own model, once per charge by default', async () => {
    const engine = await treasuryEngine(fx);
    await ok(engine, 'ledger.deposit', { amount: 100_000 });
    const own = `${engine.keys.identity.publicKey}:my-model`;
    const c = await charge(engine, 'own-call', 20_000, { modelId: own, producerKey: engine.keys.identity.publicKey });
    const producer = `producer:${engine.keys.identity.publicKey}`;
    expect(await balanceOf(engine, producer)).toBe(19_000);
    const refund = await appendRefund(engine, { chargeHash: c.hash });
    expect(refund.postings).toEqual([
      { account: producer, amount: -19_000 },
      { account: userOf(engine), amount: 19_000 },
    ]);
    expect(await appendRefund(engine, { chargeHash: c.hash })).toEqual(refund);
    await expect(appendRefund(engine, { chargeHash: c.hash, amount: 5 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await balanceOf(engine, producer)).toBe(0);
    expect(await balanceOf(engine, userOf(engine))).toBe(99_000);
    const foreign = await charge(engine, 'foreign', 1_000);
    await expect(appendRefund(engine, { chargeHash: foreign.hash })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('ledger.entries', () => {
  it('filters by account, kind, model and time, newest first, with amounts, running balances and totals', async () => {
    let now = 1_700_000_000_000;
    const engine = await Engine.open({ dataDir: await fx.tempDir(), validate: true, clock: () => (now += 1_000) });
    try {
      await ok(engine, 'marketplace.create', { name: 'Clocked' });
      await ok(engine, 'ledger.deposit', { amount: 10_000 });
      const other = `${PRODUCER}:other-model`;
      await charge(engine, 'a', 1_000);
      await charge(engine, 'b', 2_000, { modelId: other });
      const mid = now;
      await charge(engine, 'c', 3_000);
      await ok(engine, 'ledger.deposit', { amount: 500 });
      type Page = { total: number; items: Array<LedgerEntryView & { amount: number | null; runningBalance: number | null }>; totals: { credits: number; debits: number; net: number } };
      const mine = await ok<Page>(engine, 'ledger.entries', { account: userOf(engine) });
      expect(mine.items.map((i) => [i.id.startsWith('deposit:') ? 'dep' : i.id, i.amount, i.runningBalance])).toEqual([
        ['dep', 500, 4_500],
        ['c', -3_000, 4_000],
        ['b', -2_000, 7_000],
        ['a', -1_000, 9_000],
        ['dep', 10_000, 10_000],
      ]);
      expect(mine.totals).toEqual({ credits: 10_500, debits: 6_000, net: 4_500 });
      const charges = await ok<Page>(engine, 'ledger.entries', { account: userOf(engine), kind: 'charge', modelId: MODEL });
      expect(charges.items.map((i) => [i.id, i.runningBalance])).toEqual([['c', 4_000], ['a', 9_000]]);
      const early = await ok<Page>(engine, 'ledger.entries', { to: mid });
      expect(early.items.map((i) => i.kind)).toEqual(['charge', 'charge', 'deposit']);
      expect(early.items.every((i) => i.amount === null && i.runningBalance === null)).toBe(true);
      expect(early.totals).toEqual({ credits: 13_000, debits: 13_000, net: 0 });
      const page2 = await ok<Page>(engine, 'ledger.entries', { offset: 2, limit: 2 });
      expect(page2.total).toBe(5);
      expect(page2.items.map((i) => i.id)).toEqual(['b', 'a']);
      const pool = await ok<Page>(engine, 'ledger.entries', { account: 'pool:rewards', from: mid });
      expect(pool.items.map((i) => [i.id, i.amount])).toEqual([['c', 150]]);
    } finally {
      await engine.close();
    }
  });
});
