import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { appendCharge } from '../../src-main/engine/ledger/append';
import { ledgerDocName } from '../../src-main/engine/ledger/entry-rules';
import { draftOf, signRecord } from '../../src-main/engine/records/signed';
import { addressOfPeer, call, inSync, SyncFixture, waitFor } from '../sync/helpers';

/**
 * Security finding 2 (docs/security.md): a payer that paid a producer signs a second, conflicting
 * seq-1 entry in its own chain. Four real engines sync over loopback: the treasury T, the producer
 * P, the payer U and an accomplice X that carries the forged fork. The seed decides who hears of the
 * payments and of the fork first; whatever the order, nothing the payer paid is taken back, every
 * engine ends with the same balances, the deficit is shown at the treasury and the key is frozen.
 */
const fx = new SyncFixture();
afterEach(() => fx.cleanup());

const SEED = Number(process.env.ADVERSARIAL_SEED ?? 20261208);

/** mulberry32: a small seeded generator, so a failing order can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const flat = (cost: number) => ({ inputPer1M: 0, outputPer1M: 0, perRequest: cost });
const DEPOSIT = 100_000;
const COST = 30_000;
const FORK_COST = 40_000;
const FEE_BPS = 500;

async function goOffline(engine: Engine): Promise<void> {
  for (const peer of (await call(engine, 'sync.status')).peers) if (peer.key) await call(engine, 'sync.disconnect', { peerKey: peer.key });
  await waitFor('the engine to drop its links', async () => (await call(engine, 'sync.status')).peers.every((p) => !p.connected));
}

describe('a payer forks its own chain to take back its payments', () => {
  it('keeps every payment on every engine, in any arrival order, shows the deficit and freezes the key', { timeout: 180_000 }, async () => {
    const pick = random(SEED);
    const treasury = await fx.peer();
    await call(treasury, 'marketplace.create', { name: 'Fork market', feeBps: FEE_BPS });
    const { invite } = await call(treasury, 'marketplace.invite');
    const [producer, payer, accomplice] = [await fx.peer(), await fx.peer(), await fx.peer()];
    for (const engine of [producer, payer, accomplice]) await call(engine, 'marketplace.join', { invite });
    const payerId = payer.keys.identity.publicKey;
    const producerId = producer.keys.identity.publicKey;
    const friend = generateSigningKey().publicKey;
    await call(treasury, 'ledger.deposit', { to: payerId, amount: DEPOSIT });
    await inSync([treasury, producer, payer, accomplice]);
    await goOffline(payer);
    await goOffline(accomplice);

    // Offline, the payer pays the producer three times (seq 1, 2, 3 of its device's chain) ...
    const paid = [];
    for (let i = 0; i < 3; i++) {
      paid.push(await appendCharge(payer, { id: `call-${i}`, modelId: `${producerId}:summariser`, producerKey: producerId, price: flat(COST), inputTokens: 0, outputTokens: 0, usageEstimated: false, latencyMs: 90 }));
    }
    // ... and signs a different seq-1 entry with the same device key, spending the same credits on a
    // friend's model, handed to an accomplice engine to spread.
    const forked = {
      id: 'fork-1',
      prev: '0'.repeat(64),
      kind: 'charge',
      identity: payerId,
      postings: [
        { account: `user:${payerId}`, amount: -FORK_COST },
        { account: `producer:${friend}`, amount: FORK_COST - (FORK_COST * FEE_BPS) / 10_000 },
        { account: 'pool:rewards', amount: (FORK_COST * FEE_BPS) / 10_000 },
      ],
      memo: { modelId: `${friend}:echo`, inputTokens: 0, outputTokens: 0, usageEstimated: false, latencyMs: 5, cost: FORK_COST, fee: (FORK_COST * FEE_BPS) / 10_000 },
    };
    const fork = signRecord(payer.keys.device, draftOf('ledger-entry', `ledger:${payer.keys.device.publicKey}`, 1, forked, paid[0]!.ts));
    await accomplice.publish(ledgerDocName(payerId, fork.payload.ts), [fork]);

    // The seed decides who is heard first, and by whom.
    const senders = pick() < 0.5 ? [payer, accomplice] : [accomplice, payer];
    const targets = senders.map(() => (pick() < 0.5 ? treasury : producer));
    const order = senders.map((s, i) => `${s === payer ? 'payments' : 'fork'}→${targets[i] === treasury ? 'treasury' : 'producer'}`).join(', ');
    const fee = (COST * FEE_BPS) / 10_000;
    const credited = async (engine: Engine) => (await call(engine, 'ledger.balance', { account: `producer:${producerId}` })).balance;
    for (const [i, sender] of senders.entries()) {
      await call(sender, 'sync.connect', { address: addressOfPeer(targets[i]!) });
      await inSync([sender, treasury, producer]);
      // Once the payments are heard of, all three are credited, before and after the fork is.
      if (senders.indexOf(payer) <= i) for (const engine of [treasury, producer]) expect(await credited(engine), `after ${order.split(', ')[i]} (seed ${SEED})`).toBe(3 * (COST - fee));
    }
    for (const sender of senders) await call(sender, 'sync.connect', { address: addressOfPeer(treasury) });
    await call(producer, 'sync.connect', { address: addressOfPeer(treasury) });
    await inSync([treasury, producer, payer, accomplice], 60_000);

    const engines = { treasury, producer, payer, accomplice };
    const expected = {
      [`producer:${producerId}`]: 3 * (COST - fee),
      [`producer:${friend}`]: FORK_COST - (FORK_COST * FEE_BPS) / 10_000,
      // Spent 130,000 of 100,000: the 30,000 beyond its credits is written off to the treasury.
      [`user:${payerId}`]: 0,
      treasury: -DEPOSIT - (3 * COST + FORK_COST - DEPOSIT),
      'pool:rewards': 3 * fee + (FORK_COST * FEE_BPS) / 10_000,
    };
    for (const [name, engine] of Object.entries(engines)) {
      for (const [account, balance] of Object.entries(expected)) {
        expect((await call(engine, 'ledger.balance', { account })).balance, `${account} on the ${name}'s engine (seed ${SEED}: ${order})`).toBe(balance);
      }
      const report = await call(engine, 'ledger.verify');
      expect(report.problems, `${name} (seed ${SEED})`).toContainEqual(expect.objectContaining({ kind: 'equivocation', chain: payer.keys.device.publicKey, seq: 1 }));
      expect(report.forks, `${name} (seed ${SEED})`).toEqual([{ chain: payer.keys.device.publicKey, seq: 1 }]);
      expect(report.deficits, `${name} (seed ${SEED})`).toEqual([{ account: `user:${payerId}`, amount: 3 * COST + FORK_COST - DEPOSIT }]);
      // Each of the three payments is still there to be seen, on every engine.
      for (const entry of paid) expect((await call(engine, 'ledger.entries', { account: `producer:${producerId}` })).items.map((e) => e.hash)).toContain(entry.hash);
    }
    // The forking key is frozen: its own engine signs nothing more with it.
    await expect(
      appendCharge(payer, { id: 'call-after', modelId: `${producerId}:summariser`, producerKey: producerId, price: flat(1), inputTokens: 0, outputTokens: 0, usageEstimated: false, latencyMs: 90 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
