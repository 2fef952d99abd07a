import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-shared/canonical-json';
import type { LedgerEntryView } from '../../src-shared/ledger';
import type { Engine } from '../../src-main/engine/engine';
import { generateSigningKey, type SigningKey } from '../../src-main/engine/identity/keys';
import { appendRefund } from '../../src-main/engine/ledger/append';
import { describeProblem, verifyLedgerLines, type VerifyReport } from '../../src-main/engine/ledger/verify-export';
import { draftOf, signRecord } from '../../src-main/engine/records/signed';
import { Fixture, balanceOf, charge, exportOf, ok, payloadOf, treasuryEngine, userOf } from './helpers';

const fx = new Fixture();
let engine: Engine;
let lines: Array<Record<string, unknown>>;
let charges: LedgerEntryView[];

beforeEach(async () => {
  engine = await treasuryEngine(fx);
  await ok(engine, 'ledger.deposit', { amount: 2_000_000, id: 'welcome' });
  charges = [];
  for (let i = 0; i < 6; i++) charges.push(await charge(engine, `call-${i}`, 10_000 + i * 1_111));
  await ok(engine, 'ledger.checkpoint');
  charges.push(await charge(engine, 'call-6', 7_777));
  await ok(engine, 'ledger.checkpoint');
  lines = await exportOf(engine);
});
afterEach(() => fx.cleanup());

const verify = (values: unknown[]): VerifyReport => verifyLedgerLines(values);
const lineOf = (hash: string) => lines.findIndex((l) => l.hash === hash);
const withLine = (index: number, line: Record<string, unknown>) => lines.map((l, i) => (i === index ? line : l));

/** A record line for bytes = signature ‖ payload, with its true hash (as a careful forger would). */
function lineFor(signature: Uint8Array, payload: unknown): Record<string, unknown> {
  const bytes = Buffer.concat([signature, Buffer.from(canonicalJson(payload), 'utf8')]);
  return { type: 'record', hash: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.toString('base64') };
}

function resigned(key: SigningKey, line: Record<string, unknown>, change: (p: ReturnType<typeof payloadOf>) => void): Record<string, unknown> {
  const p = payloadOf(line);
  change(p);
  const record = signRecord(key, draftOf(p.kind as 'ledger-entry', (p as unknown as { subject: string }).subject, p.seq, p.body, p.ts));
  return { type: 'record', hash: record.hash, bytes: Buffer.from(record.bytes).toString('base64') };
}

/** The first problem names the entry (chain, seq, hash, id) and says why. */
function expectFirst(report: VerifyReport, kind: string, entry: { chain: string; seq: number | null; hash: string; id: string | null }, reason: RegExp) {
  expect(report.ok).toBe(false);
  const first = report.problems[0]!;
  expect(first).toMatchObject({ kind, chain: entry.chain, seq: entry.seq, hash: entry.hash, id: entry.id });
  expect(first.reason).toMatch(reason);
  const text = describeProblem(first);
  for (const part of [entry.chain, entry.hash, entry.id, entry.seq].filter((x) => x !== null)) expect(text).toContain(String(part));
}

describe('the export verifier', () => {
  it('accepts an honest export and recomputes every balance the engine shows', async () => {
    const report = verify(lines);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, chains: 2, entries: 8, checkpoints: 2, consistencyProofs: 1, supply: 2_000_000n });
    // Sums recomputed by hand from the export's decoded payloads, not by the verifier.
    const sums = new Map<string, number>();
    for (const line of lines.filter((l) => l.type === 'record')) {
      const p = payloadOf(line);
      if (p.kind !== 'ledger-entry') continue;
      for (const { account, amount } of p.body.postings as Array<{ account: string; amount: number }>) sums.set(account, (sums.get(account) ?? 0) + amount);
    }
    expect([...sums.values()].reduce((a, b) => a + b, 0)).toBe(0);
    for (const [account, sum] of sums) {
      expect(await balanceOf(engine, account), account).toBe(sum);
      expect(report.balances[account], account).toBe(BigInt(sum));
    }
  });

  it('recomputes balances after a mix of deposits, charges and refunds', async () => {
    const own = engine.keys.identity.publicKey;
    const c = await charge(engine, 'own-model', 50_000, { modelId: `${own}:helper`, producerKey: own });
    await appendRefund(engine, { chargeHash: c.hash, amount: 20_000 });
    await ok(engine, 'ledger.deposit', { amount: 333, to: generateSigningKey().publicKey });
    const report = verify(await exportOf(engine));
    expect(report.ok).toBe(true);
    for (const [account, balance] of Object.entries(report.balances)) expect(BigInt(await balanceOf(engine, account)), account).toBe(balance);
    expect(report.balances[userOf(engine)]).toBe(BigInt(2_000_000 - charges.reduce((t, e) => t + e.memo!.cost, 0) - 50_000 + 20_000));
  });

  it('rejects a changed amount, naming the entry', () => {
    const target = charges[2]!;
    const line = lines[lineOf(target.hash)]!;
    const p = payloadOf(line);
    const postings = p.body.postings as Array<{ amount: number }>;
    postings[0]!.amount += 1_000;
    postings[1]!.amount -= 1_000;
    const forged = lineFor(Buffer.from(String(line.bytes), 'base64').subarray(0, 64), p);
    expectFirst(verify(withLine(lineOf(target.hash), forged)), 'signature', { chain: target.chain, seq: 3, hash: String(forged.hash), id: 'call-2' }, /signature does not verify/);
  });

  it('rejects a removed entry, naming the entry after the gap', () => {
    const next = charges[3]!;
    const report = verify(lines.filter((l) => l.hash !== charges[2]!.hash));
    expectFirst(report, 'chain', next, /entry 3 is missing/);
  });

  it('rejects a reordered pair of entries', () => {
    const [a, b] = [lineOf(charges[3]!.hash), lineOf(charges[4]!.hash)];
    const swapped = lines.map((l, i) => (i === a ? lines[b]! : i === b ? lines[a]! : l));
    expectFirst(verify(swapped), 'chain', charges[4]!, /seq 5 follows seq 3/);
  });

  it('rejects a forged signature', () => {
    const target = charges[1]!;
    const bytes = Buffer.from(String(lines[lineOf(target.hash)]!.bytes), 'base64');
    bytes[5] = bytes[5]! ^ 0xff;
    const forged = { type: 'record', hash: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.toString('base64') };
    expectFirst(verify(withLine(lineOf(target.hash), forged)), 'signature', { chain: target.chain, seq: 2, hash: forged.hash, id: 'call-1' }, /signature/);
  });

  it('rejects an unbalanced entry even when its signer signed it', () => {
    const target = charges[4]!;
    const forged = resigned(engine.keys.device, lines[lineOf(target.hash)]!, (p) => {
      (p.body.postings as Array<{ amount: number }>)[1]!.amount += 1;
    });
    expectFirst(verify(withLine(lineOf(target.hash), forged)), 'balance', { chain: target.chain, seq: 5, hash: String(forged.hash), id: 'call-4' }, /sum to 1, not 0/);
  });

  it('rejects a checkpoint that does not match the entries', () => {
    const index = lines.findIndex((l) => l.type === 'record' && payloadOf(l).kind === 'ledger-checkpoint');
    const forged = resigned(engine.keys.device, lines[index]!, (p) => {
      p.body.root = 'ab'.repeat(32);
    });
    const report = verify(withLine(index, forged));
    expectFirst(report, 'checkpoint', charges[5]!, /checkpoint #1 .* signs root abababab/);
  });

  it('rejects entries by an uncertified device, deposits not from the treasury, and overdrafts', () => {
    const identity = generateSigningKey();
    const device = generateSigningKey();
    const entry = (key: SigningKey, seq: number, prev: string, body: Record<string, unknown>) => {
      const r = signRecord(key, draftOf('ledger-entry', `ledger:${key.publicKey}`, seq, { prev, ...body }, 1_800_000_000_000 + seq));
      return { type: 'record', hash: r.hash, bytes: Buffer.from(r.bytes).toString('base64') };
    };
    const spend = { id: 'x-1', kind: 'charge', identity: identity.publicKey, postings: [{ account: `user:${identity.publicKey}`, amount: -100 }, { account: `producer:${identity.publicKey}`, amount: 95 }, { account: 'pool:rewards', amount: 5 }], memo: { modelId: `${identity.publicKey}:m`, inputTokens: 0, outputTokens: 0, usageEstimated: false, latencyMs: 1, cost: 100, fee: 5 } };
    const header = { ...lines[0]!, records: Number(lines[0]!.records) + 1 };
    const uncertified = entry(device, 1, '0'.repeat(64), spend);
    let report = verify([header, ...lines.slice(1), uncertified]);
    expect(report.problems[0]).toMatchObject({ kind: 'authority', chain: device.publicKey, seq: 1, id: 'x-1' });
    expect(report.problems[0]!.reason).toMatch(/not certified by identity/);

    const cert = signRecord(identity, draftOf('device-cert', identity.publicKey, 1, { deviceKey: device.publicKey, label: 'x' }, 0));
    const certLine = { type: 'record', hash: cert.hash, bytes: Buffer.from(cert.bytes).toString('base64') };
    report = verify([{ ...header, records: Number(header.records) + 1 }, certLine, ...lines.slice(1), uncertified]);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ kind: 'overdraft', chain: device.publicKey, seq: 1, id: 'x-1' });

    const mint = entry(identity, 1, '0'.repeat(64), { id: 'mint', kind: 'deposit', identity: identity.publicKey, postings: [{ account: 'treasury', amount: -5 }, { account: `user:${identity.publicKey}`, amount: 5 }] });
    report = verify([header, ...lines.slice(1), mint]);
    expect(report.problems[0]).toMatchObject({ kind: 'authority', chain: identity.publicKey, id: 'mint' });
    expect(report.problems[0]!.reason).toMatch(/not by the marketplace treasury/);
  });

  it('catches a file cut short at a line boundary past the last checkpoint', () => {
    const report = verify(lines.slice(0, -2));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toContain('format');
  });
});
