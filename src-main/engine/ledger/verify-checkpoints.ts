import type { ConsistencyLine } from './export-format';
import { MerkleTree, verifyConsistency } from './merkle';
import type { ChainRun, CheckpointItem, Fail } from './verify-types';

/** The checkpoint half of the export verifier (verify-export.ts): signed tree heads and proofs. */

/** Every signed tree head must be the root of its chain's first `size` entries. */
export function checkCheckpoints(checkpoints: readonly CheckpointItem[], chains: Map<string, ChainRun>, fail: Fail, step: () => void): number {
  let valid = 0;
  const byChain = new Map<string, CheckpointItem[]>();
  for (const c of checkpoints) {
    const list = byChain.get(c.chain);
    if (list) list.push(c);
    else byChain.set(c.chain, [c]);
  }
  for (const [chain, list] of byChain) {
    const run = chains.get(chain);
    const length = run?.maxSeq ?? 0;
    const treeSize = run?.applied.length ?? 0;
    let lastSize = 0;
    const seen = new Map<number, CheckpointItem>();
    list.sort((a, b) => {
      step();
      return a.seq - b.seq || a.line - b.line;
    });
    for (const c of list) {
      step();
      const where = { chain, seq: null, hash: c.hash, id: null };
      const twin = seen.get(c.seq);
      if (twin) {
        if (twin.hash !== c.hash) fail(c.line, 'equivocation', `two different checkpoints #${c.seq} (sizes ${twin.body.size} and ${c.body.size})`, where);
        continue;
      }
      seen.set(c.seq, c);
      if (c.body.size > length) {
        fail(c.line, 'truncation', `checkpoint #${c.seq} signs ${c.body.size} entries but only ${length} are here: entry ${length + 1} on is missing`, { chain, seq: length + 1, hash: null, id: null });
        continue;
      }
      if (run?.forkedAt != null && c.body.size > treeSize) {
        // Past a fork the equivocator signed more than one history: its checkpoints there prove nothing.
        lastSize = Math.max(lastSize, c.body.size);
        continue;
      }
      const root = (run?.tree ?? new MerkleTree()).root(c.body.size).toString('hex');
      if (root !== c.body.root) {
        const last = run?.applied[c.body.size - 1];
        fail(c.line, 'checkpoint', `checkpoint #${c.seq} (${c.hash.slice(0, 16)}…) signs root ${c.body.root.slice(0, 16)}… for entries 1..${c.body.size}, which hash to ${root.slice(0, 16)}…`, {
          chain,
          seq: last?.seq ?? null,
          hash: last?.hash ?? c.hash,
          id: last?.body.id ?? null,
        });
        continue;
      }
      if (c.body.size < lastSize) fail(c.line, 'checkpoint', `checkpoint #${c.seq} shrinks the chain from ${lastSize} to ${c.body.size} entries`, where);
      lastSize = Math.max(lastSize, c.body.size);
      valid++;
    }
  }
  return valid;
}

/** Consistency proofs carried by the export, checked against the signed roots alone. */
export function checkProofs(proofs: ReadonlyArray<{ line: number; value: Partial<ConsistencyLine> }>, checkpoints: readonly CheckpointItem[], fail: Fail, step: () => void): number {
  let verified = 0;
  // The first checkpoint of each (chain, size) in file order: one pass, then one lookup per proof.
  const roots = new Map<string, string>();
  for (const c of checkpoints) {
    step();
    const key = `${c.chain} ${c.body.size}`;
    if (!roots.has(key)) roots.set(key, c.body.root);
  }
  for (const { line, value } of proofs) {
    step();
    const { chain, first, second, proof } = value;
    const named = typeof chain === 'string' && typeof first === 'number' && typeof second === 'number';
    const a = named ? roots.get(`${chain} ${first}`) : undefined;
    const b = named ? roots.get(`${chain} ${second}`) : undefined;
    if (!named || !Array.isArray(proof) || !a || !b) {
      fail(line, 'format', 'a consistency line must name a chain and two of its checkpoint sizes', { chain: typeof chain === 'string' ? chain : '' });
      continue;
    }
    if (proof.length > 128 || !proof.every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h))) {
      fail(line, 'format', 'a consistency proof is a list of at most 128 hex SHA-256 hashes', { chain });
      continue;
    }
    const path = proof.map((h: string) => Buffer.from(h, 'hex'));
    if (!verifyConsistency(first, second, Buffer.from(a, 'hex'), Buffer.from(b, 'hex'), path)) {
      fail(line, 'checkpoint', `checkpoint of size ${second} does not extend the one of size ${first}: consistency proof fails`, { chain });
    } else verified++;
  }
  return verified;
}
