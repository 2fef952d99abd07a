import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerEntryView } from '../../src-shared/ledger';
import { leafHash, verifyConsistency, verifyInclusion } from '../../src-main/engine/ledger/merkle';
import { Fixture, charge, ok, treasuryEngine } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

interface Checkpoint {
  hash: string;
  chain: string;
  seq: number;
  size: number;
  root: string;
}
const hex = (h: string) => Buffer.from(h, 'hex');

describe('checkpoints and proofs', () => {
  it('signs checkpoints of the device chain, each proven consistent with the previous one', async () => {
    const engine = await treasuryEngine(fx);
    await ok(engine, 'ledger.deposit', { amount: 1_000_000 });
    const empty = await ok<{ checkpoint: Checkpoint; previous: Checkpoint | null; consistency: string[] }>(engine, 'ledger.checkpoint');
    expect(empty.checkpoint).toMatchObject({ chain: engine.keys.device.publicKey, seq: 1, size: 0, root: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });
    for (let i = 0; i < 3; i++) await charge(engine, `a${i}`, 100);
    const first = await ok<{ checkpoint: Checkpoint; previous: Checkpoint | null; consistency: string[] }>(engine, 'ledger.checkpoint');
    expect(first.checkpoint).toMatchObject({ seq: 2, size: 3 });
    const entries: LedgerEntryView[] = [];
    for (let i = 0; i < 8; i++) entries.push(await charge(engine, `b${i}`, 100));
    const second = await ok<{ checkpoint: Checkpoint; previous: Checkpoint | null; consistency: string[] }>(engine, 'ledger.checkpoint');
    expect(second.checkpoint).toMatchObject({ seq: 3, size: 11 });
    expect(second.previous).toEqual(first.checkpoint);
    expect(verifyConsistency(3, 11, hex(first.checkpoint.root), hex(second.checkpoint.root), second.consistency.map(hex))).toBe(true);
    expect(verifyConsistency(3, 11, hex(empty.checkpoint.root), hex(second.checkpoint.root), second.consistency.map(hex))).toBe(false);

    // An entry is proven against the latest checkpoint covering it, from its record bytes alone.
    const target = entries[4]!;
    const proof = await ok<{ entry: LedgerEntryView; index: number; size: number; root: string; proof: string[]; checkpoint: Checkpoint | null; verified: boolean }>(engine, 'ledger.proof', { hash: target.hash });
    expect(proof).toMatchObject({ index: 7, size: 11, root: second.checkpoint.root, verified: true, checkpoint: second.checkpoint });
    const leaf = leafHash(engine.ledger.entry(target.hash)!.record.bytes);
    expect(verifyInclusion(leaf, proof.index, proof.size, proof.proof.map(hex), hex(second.checkpoint.root))).toBe(true);

    // Past the last checkpoint, the proof is against the chain as it stands.
    const late = await charge(engine, 'late', 100);
    const lateProof = await ok<{ size: number; checkpoint: Checkpoint | null; verified: boolean }>(engine, 'ledger.proof', { hash: late.hash });
    expect(lateProof).toMatchObject({ size: 12, checkpoint: null, verified: true });
    expect((await ok<{ ok: boolean; checkpoints: number }>(engine, 'ledger.verify'))).toMatchObject({ ok: true, checkpoints: 3 });
  });

  it('answers NOT_FOUND for an unknown entry hash', async () => {
    const engine = await treasuryEngine(fx);
    const answer = await engine.dispatch('ledger.proof', { hash: 'a'.repeat(64) });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
