import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerEntryView, LedgerProblem } from '../../src-shared/ledger';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { ledgerDocName } from '../../src-main/engine/ledger/entry-rules';
import { draftOf, signRecord, type SignedRecord } from '../../src-main/engine/records/signed';
import { Fixture, balanceOf, charge, ok, treasuryEngine, userOf } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

interface Verify {
  ok: boolean;
  problems: Array<LedgerProblem & { id: string | null }>;
}

const recordsOf = (engine: Awaited<ReturnType<typeof treasuryEngine>>, prefix: string): SignedRecord[] =>
  engine.docs
    .docNames()
    .filter((d) => d.startsWith(prefix))
    .flatMap((d) => engine.docs.records(d).map(([hash, bytes]) => ({ hash, bytes, payload: JSON.parse(Buffer.from(bytes.subarray(64)).toString('utf8')) })));

describe('ledger.verify on records written straight into the documents', () => {
  it('detects an equivocation: two signed entries at one seq of a chain', async () => {
    const engine = await treasuryEngine(fx);
    await ok(engine, 'ledger.deposit', { amount: 100_000 });
    const first = await charge(engine, 'a', 1_000);
    const second = await charge(engine, 'b', 2_000);
    expect((await ok<Verify>(engine, 'ledger.verify')).ok).toBe(true);
    // The same device signs another entry at seq 2: what a cloned data folder would do.
    const forked = { id: 'b-fork', prev: first.hash, kind: 'charge', postings: second.postings, identity: second.identity, memo: second.memo };
    const fork = signRecord(engine.keys.device, draftOf('ledger-entry', `ledger:${first.chain}`, 2, forked, second.ts + 5));
    await engine.docs.append(ledgerDocName(engine.keys.identity.publicKey, fork.payload.ts), [fork]);
    const report = await ok<Verify>(engine, 'ledger.verify');
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'equivocation', chain: first.chain, seq: 2 }));
    // Once the engine receives it, both entries at seq 2 count (a fork never takes back a payment:
    // the rule until export version 1 voided the chain from the fork, which let a payer undo what
    // it paid) and the key is frozen: the chain takes no more appends.
    expect(engine.book.ingest('sync', fork, Date.now()).status).toBe('applied');
    expect(await balanceOf(engine, userOf(engine))).toBe(95_000);
    expect(engine.ledger.head(first.chain).broken).toMatchObject({ kind: 'equivocation', seq: 2 });
    await expect(charge(engine, 'c', 10)).rejects.toMatchObject({ code: 'CONFLICT' });
    // The identity can certify a new device, whose own chain pays on.
    const device = generateSigningKey();
    const identity = engine.keys.identity;
    engine.book.ingest('sync', signRecord(identity, draftOf('device-cert', identity.publicKey, 99, { deviceKey: device.publicKey, label: 'replacement' }, Date.now())), Date.now());
    const next = { id: 'after-fork', prev: '0'.repeat(64), kind: 'charge', postings: second.postings, identity: second.identity, memo: second.memo };
    expect(engine.book.ingest('sync', signRecord(device, draftOf('ledger-entry', `ledger:${device.publicKey}`, 1, next, fork.payload.ts + 1)), Date.now()).status).toBe('applied');
    expect(await balanceOf(engine, userOf(engine))).toBe(93_000);
  });

  it('detects a truncation: a chain shorter than its signed checkpoint', async () => {
    const source = await treasuryEngine(fx);
    await ok(source, 'ledger.deposit', { amount: 100_000 });
    const entries: LedgerEntryView[] = [];
    for (let i = 0; i < 5; i++) entries.push(await charge(source, `c${i}`, 1_000));
    await ok(source, 'ledger.checkpoint');
    // A second engine receives everything but the last two entries of the device chain.
    const reader = await fx.open();
    await reader.adoptMarketplace(source.marketplace.id!);
    const dropped = new Set(entries.slice(3).map((e) => e.hash));
    for (const prefix of ['market', 'identity/', 'ledger/']) {
      const records = recordsOf(source, prefix).filter((r) => !dropped.has(r.hash));
      for (const r of records) await reader.docs.append(prefix === 'ledger/' ? ledgerDocName(r.payload.author, r.payload.ts) : prefix === 'market' ? 'market' : `identity/${r.payload.author}`, [r]);
    }
    const report = await ok<Verify>(reader, 'ledger.verify');
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'truncation', chain: entries[0]!.chain, seq: 4 }));
    expect(report.problems.find((p) => p.kind === 'truncation')!.reason).toMatch(/signs 5 entries but only 3/);
    // Reopened, the engine's own state sees the short chain too.
    const dataDir = reader.dataDir;
    await fx.close(reader);
    const reopened = await fx.open(dataDir);
    expect(reopened.ledger.truncations()).toEqual([expect.objectContaining({ chain: entries[0]!.chain, signedSize: 5, present: 3 })]);
  });

  it('quarantines foreign entries that break the rules, with a reason, and never applies them', async () => {
    const engine = await treasuryEngine(fx);
    const stranger = generateSigningKey();
    const entry = (subject: string, prev: string, id: string) =>
      signRecord(stranger, draftOf('ledger-entry', subject, 1, { id, prev, kind: 'deposit', identity: stranger.publicKey, postings: [{ account: 'treasury', amount: -10 }, { account: `user:${stranger.publicKey}`, amount: 10 }] }, Date.now()));
    const wrongSubject = engine.book.ingest('sync', entry(`ledger:${engine.keys.device.publicKey}`, '0'.repeat(64), 'w'), Date.now());
    expect(wrongSubject).toMatchObject({ status: 'quarantined', reason: expect.stringMatching(/subject must be ledger:<author>/) });
    const minted = engine.book.ingest('sync', entry(`ledger:${stranger.publicKey}`, '0'.repeat(64), 'm'), Date.now());
    expect(minted).toMatchObject({ status: 'quarantined', reason: expect.stringMatching(/not by the marketplace treasury/) });
    expect(engine.book.quarantineCount).toBe(2);
    expect(await balanceOf(engine, `user:${stranger.publicKey}`)).toBe(0);
  });

  it('holds back a foreign chain at an entry whose prev does not link, and reports why', async () => {
    const engine = await treasuryEngine(fx);
    const identity = generateSigningKey();
    const device = generateSigningKey();
    await engine.publish(`identity/${identity.publicKey}`, [signRecord(identity, draftOf('device-cert', identity.publicKey, 1, { deviceKey: device.publicKey, label: 'x' }, 1))]);
    const refund = (seq: number, prev: string) =>
      signRecord(device, draftOf('ledger-entry', `ledger:${device.publicKey}`, seq, { id: `r${seq}`, prev, kind: 'refund', identity: identity.publicKey, postings: [{ account: `producer:${identity.publicKey}`, amount: -7 }, { account: `user:${identity.publicKey}`, amount: 7 }] }, 1_000 + seq));
    const r1 = refund(1, '0'.repeat(64));
    const r2 = refund(2, 'f'.repeat(64));
    for (const r of [r2, r1]) engine.book.ingest('sync', r, Date.now());
    expect(await balanceOf(engine, `user:${identity.publicKey}`)).toBe(7);
    expect(engine.ledger.blocks()).toEqual([expect.objectContaining({ chain: device.publicKey, seq: 2, hash: r2.hash, kind: 'chain' })]);
    const report = await ok<Verify>(engine, 'ledger.verify');
    // Injected only into the state, not the documents: the engine still reports the held-back chain.
    expect(report.problems).toContainEqual(expect.objectContaining({ chain: device.publicKey, seq: 2, kind: 'chain' }));
  });
});
