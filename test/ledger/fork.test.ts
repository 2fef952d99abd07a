import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerEntryBody } from '../../src-shared/ledger';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { ledgerDocName } from '../../src-main/engine/ledger/entry-rules';
import { verifyStoredLedger } from '../../src-main/engine/ledger/export';
import { draftOf, signRecord, type SignedRecord } from '../../src-main/engine/records/signed';
import { Fixture, MODEL, ok, PRODUCER, treasuryEngine } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

/**
 * The fork rule (docs/ledger-format.md "Forks") inside one engine: whatever order a forked chain's
 * records arrive in, the engine counts the same entries as the export verifier, and as every other
 * order. The chain has two branches, one payment signed on both (counted once), one id used for two
 * different payments (both count), and a device certificate that arrives at any point.
 */
describe('a forked chain', () => {
  it('counts the same payments in every arrival order, as the verifier does', { timeout: 120_000 }, async () => {
    const identity = generateSigningKey();
    const device = generateSigningKey();
    const cert = signRecord(identity, draftOf('device-cert', identity.publicKey, 1, { deviceKey: device.publicKey, label: 'forked' }, 1_000));
    const charge = (seq: number, prev: string, id: string, cost: number, ts: number): SignedRecord => {
      const fee = Math.floor((cost * 500) / 10_000);
      const body: LedgerEntryBody = {
        id,
        prev,
        kind: 'charge',
        identity: identity.publicKey,
        postings: [
          { account: `user:${identity.publicKey}`, amount: -cost },
          { account: `producer:${PRODUCER}`, amount: cost - fee },
          { account: 'pool:rewards', amount: fee },
        ],
        memo: { modelId: MODEL, inputTokens: 0, outputTokens: 0, usageEstimated: false, latencyMs: 1, cost, fee },
      };
      return signRecord(device, draftOf('ledger-entry', `ledger:${device.publicKey}`, seq, body, ts));
    };
    const a1 = charge(1, '0'.repeat(64), 'a1', 1_000, 10_000);
    const a2 = charge(2, a1.hash, 'same', 2_000, 10_001);
    const a3 = charge(3, a2.hash, 'twice', 3_000, 10_002);
    const b1 = charge(1, '0'.repeat(64), 'b1', 4_000, 10_000);
    const b2 = charge(2, b1.hash, 'same', 2_000, 10_001); // the same payment as a2: counts once
    const b3 = charge(3, b2.hash, 'twice', 5_000, 10_002); // another payment under a3's id: counts
    const records = [cert, a1, a2, a3, b1, b2, b3];
    const orders = [records, [...records].reverse(), [b3, a1, cert, b1, a3, b2, a2], [a2, b2, a3, b3, a1, b1, cert]];
    const seen: string[] = [];
    for (const order of orders) {
      const engine = await treasuryEngine(fx);
      await ok(engine, 'ledger.deposit', { to: identity.publicKey, amount: 10_000 });
      for (const record of order) {
        const doc = record === cert ? `identity/${identity.publicKey}` : ledgerDocName(identity.publicKey, record.payload.ts);
        await engine.publish(doc, [record]);
      }
      const balances = Object.fromEntries([...engine.ledger.balances()].filter(([account]) => account !== 'treasury'));
      expect(balances).toEqual({ [`user:${identity.publicKey}`]: 0, [`producer:${PRODUCER}`]: 14_250, 'pool:rewards': 750 });
      // 1,000 + 2,000 + 3,000 + 4,000 + 5,000 spent of 10,000 deposited: 5,000 absorbed by the treasury.
      expect(engine.ledger.deficits()).toEqual([{ account: `user:${identity.publicKey}`, amount: 5_000 }]);
      expect(engine.ledger.balance('treasury')).toBe(-15_000);
      expect(engine.ledger.forks()).toEqual([{ chain: device.publicKey, seq: 1 }]);
      const report = verifyStoredLedger(engine);
      expect(report.forks).toEqual([{ chain: device.publicKey, seq: 1 }]);
      expect(report.deficits).toEqual([{ account: `user:${identity.publicKey}`, amount: 5_000n }]);
      for (const [account, balance] of engine.ledger.balances()) expect(report.balances[account], account).toBe(BigInt(balance));
      expect(report.problems.map((p) => p.kind).sort()).toEqual(['conflict', 'equivocation', 'overdraft']);
      // Which of the two copies of the one payment counts is fixed too: the lower hash.
      seen.push([a2, b2].filter((r) => engine.ledger.entry(r.hash)).map((r) => r.hash).join());
      await fx.close(engine);
    }
    expect(new Set(seen)).toEqual(new Set([[a2.hash, b2.hash].sort()[0]]));
  });
});
