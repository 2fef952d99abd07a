import { generateSigningKey } from '../src-main/engine/identity/keys';
import { EXPORT_FORMAT, EXPORT_VERSION, recordLine } from '../src-main/engine/ledger/export-format';
import { MerkleTree, leafHash } from '../src-main/engine/ledger/merkle';
import { verifyLedgerExport } from '../src-main/engine/ledger/verify-export';
import { draftOf, signRecord, type SignedRecord } from '../src-main/engine/records/signed';
import { percentile, report } from './harness';

/**
 * `ledger verify` at two sizes with a checkpoint every 2 entries (docs/security.md §11): the rate at
 * 50k entries against the rate at 5k in the same run. A linear verifier keeps the ratio near 1
 * (≥ 0.8); one quadratic in checkpoints fell to a fraction of it. Files are built in memory, signed
 * before the clock starts: one treasury chain of deposits, its checkpoints and consistency proofs.
 */
function exportText(entries: number): string {
  const treasury = generateSigningKey();
  const user = generateSigningKey().publicKey;
  const records: SignedRecord[] = [signRecord(treasury, draftOf('marketplace-config', treasury.publicKey, 1, { name: 'Scale bench', feeBps: 500, epochSeconds: 86_400, graceSeconds: 3_600 }, 1))];
  const heads: SignedRecord[] = [];
  const proofs: string[] = [];
  const tree = new MerkleTree();
  let prev = '0'.repeat(64);
  for (let seq = 1; seq <= entries; seq++) {
    const body = { id: `d-${seq}`, prev, kind: 'deposit', identity: treasury.publicKey, postings: [{ account: 'treasury', amount: -(1_000 + seq) }, { account: `user:${user}`, amount: 1_000 + seq }] };
    const entry = signRecord(treasury, draftOf('ledger-entry', `ledger:${treasury.publicKey}`, seq, body, 10 + seq));
    records.push(entry);
    tree.push(leafHash(entry.bytes));
    prev = entry.hash;
    if (seq % 2 !== 0) continue;
    const size = seq;
    heads.push(signRecord(treasury, draftOf('ledger-checkpoint', `checkpoint:${treasury.publicKey}`, heads.length + 1, { chain: treasury.publicKey, size, root: tree.root(size).toString('hex') }, 10 + seq)));
    if (size > 2) proofs.push(JSON.stringify({ type: 'consistency', chain: treasury.publicKey, first: size - 2, second: size, proof: tree.consistencyProof(size - 2, size).map((h) => h.toString('hex')) }));
  }
  const all = [...records, ...heads];
  const header = { type: 'header', format: EXPORT_FORMAT, version: EXPORT_VERSION, marketplace: treasury.publicKey, exportedAt: 1, records: all.length };
  return [JSON.stringify(header), ...all.map((r) => JSON.stringify(recordLine(r.hash, r.bytes))), ...proofs].join('\n') + '\n';
}

function rateOf(text: string, entries: number, runs: number): number {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const result = verifyLedgerExport(text);
    times.push(performance.now() - started);
    if (!result.ok || result.entries !== entries) throw new Error(`bench export does not verify: ${result.problems[0]?.reason ?? result.entries}`);
  }
  return entries / (percentile(times, 50) / 1_000);
}

export function benchVerifyScale(small = 5_000, large = 50_000): void {
  const smallText = exportText(small);
  const largeText = exportText(large);
  // Warm the JIT on the small file first, so neither side pays for compiling.
  rateOf(smallText, small, 1);
  const baseline = rateOf(smallText, small, 3);
  const value = rateOf(largeText, large, 1);
  report({ name: `ledger verify ${large} entries, a checkpoint every 2 (linear: ratio ≥ 0.8)`, value, unit: 'entries/s', baseline: `the same verifier on ${small} entries, a checkpoint every 2`, baselineValue: baseline });
}
