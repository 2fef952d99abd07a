import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerEntryView } from '../../src-shared/ledger';
import { verifyInclusion } from '../../src-main/engine/ledger/merkle';
import { Fixture, ok, userOf } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

type Page = { total: number; items: Array<LedgerEntryView & { amount: number | null }>; totals: { credits: number; debits: number; net: number } };

describe('the demo ledger', () => {
  it('gives the demo a month of verifiable money: users, charges on demo models, revenue and a reward pool', { timeout: 60_000 }, async () => {
    const engine = await fx.open();
    await ok(engine, 'marketplace.openDemo');
    const verify = await ok<{ ok: boolean; chains: number; entries: number; checkpoints: number; problems: unknown[] }>(engine, 'ledger.verify');
    expect(verify.problems).toEqual([]);
    // Treasury, the local buyer, 8 demo users, and the demo producer (My Model Lab), whose key is
    // kept beside the buyer's identity and signs its refunds on its own chain.
    expect(verify).toMatchObject({ ok: true, chains: 11 });
    expect(verify.entries).toBeGreaterThanOrEqual(250);
    expect(verify.checkpoints).toBe(11);

    const balances = engine.ledger.balances();
    const users = [...balances].filter(([a]) => a.startsWith('user:'));
    expect(users.length).toBe(9);
    expect(users.every(([, b]) => b >= 0)).toBe(true);
    expect(balances.get(userOf(engine))).toBeGreaterThan(1_000_000);
    expect(balances.get('pool:rewards')).toBeGreaterThan(100_000);
    expect([...balances].filter(([a, b]) => a.startsWith('producer:') && b > 0).length).toBeGreaterThanOrEqual(10);
    expect([...balances.values()].reduce((a, b) => a + b, 0)).toBe(0);

    const now = engine.clock();
    const charges = await ok<Page>(engine, 'ledger.entries', { kind: 'charge', limit: 500 });
    expect(charges.total).toBeGreaterThan(200);
    expect(charges.items.every((c) => c.ts >= now - 31 * 86_400_000 && c.ts <= now)).toBe(true);
    const myCalls = await ok<Page>(engine, 'ledger.entries', { account: userOf(engine), kind: 'charge' });
    expect(myCalls.total).toBeGreaterThanOrEqual(20);
    // Revenue per model: the busiest model's producer earned from several users.
    const byModel = new Map<string, number>();
    for (const c of charges.items) byModel.set(c.memo!.modelId, (byModel.get(c.memo!.modelId) ?? 0) + 1);
    const [busiest] = [...byModel].sort((a, b) => b[1] - a[1])[0]!;
    const revenue = await ok<Page>(engine, 'ledger.entries', { account: `producer:${busiest.split(':')[0]}`, modelId: busiest });
    expect(revenue.totals.credits).toBeGreaterThan(0);
    expect((await ok<Page>(engine, 'ledger.entries', { kind: 'refund' })).total).toBeGreaterThan(0);

    const proof = await ok<{ verified: boolean; index: number; size: number; root: string; proof: string[]; checkpoint: unknown }>(engine, 'ledger.proof', { hash: charges.items[17]!.hash });
    expect(proof.verified).toBe(true);
    expect(proof.checkpoint).not.toBeNull();
    const leaf = engine.ledger.tree(charges.items[17]!.chain).leaf(proof.index);
    expect(verifyInclusion(leaf, proof.index, proof.size, proof.proof.map((h) => Buffer.from(h, 'hex')), Buffer.from(proof.root, 'hex'))).toBe(true);
  });
});
