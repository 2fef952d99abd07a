import type { LedgerCheckpointBody } from '../../../src-shared/ledger';
import type { ProblemKind } from './entry-rules';
import type { ConsistencyLine } from './export-format';
import { MerkleTree, verifyConsistency } from './merkle';
import type { EntryItem, VerifyProblem } from './verify-export';

/** The checkpoint half of the export verifier (verify-export.ts): signed tree heads and proofs. */

export interface CheckpointItem {
  line: number;
  hash: string;
  chain: string;
  seq: number;
  body: LedgerCheckpointBody;
}

/** One chain as the verifier replayed it: its valid prefix and the tree over it. */
export interface ChainRun {
  applied: EntryItem[];
  ids: Set<string>;
  tree: MerkleTree;
  broken: boolean;
}

export type Fail = (line: number, kind: ProblemKind, reason: string, where?: Partial<Pick<VerifyProblem, 'chain' | 'seq' | 'hash' | 'id'>>) => void;

/** Every signed tree head must be the root of its chain's first `size` entries. */
export function checkCheckpoints(checkpoints: readonly CheckpointItem[], chains: Map<string, ChainRun>, fail: Fail): number {
  let valid = 0;
  const byChain = new Map<string, CheckpointItem[]>();
  for (const c of checkpoints) byChain.set(c.chain, [...(byChain.get(c.chain) ?? []), c]);
  for (const [chain, list] of byChain) {
    const run = chains.get(chain);
    const length = run?.applied.length ?? 0;
    let lastSize = 0;
    const seen = new Map<number, CheckpointItem>();
    for (const c of [...list].sort((a, b) => a.seq - b.seq || a.line - b.line)) {
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
export function checkProofs(proofs: ReadonlyArray<{ line: number; value: Partial<ConsistencyLine> }>, checkpoints: readonly CheckpointItem[], fail: Fail): number {
  let verified = 0;
  for (const { line, value } of proofs) {
    const { chain, first, second, proof } = value;
    const rootOf = (size: unknown) => checkpoints.find((c) => c.chain === chain && c.body.size === size)?.body.root;
    const a = rootOf(first);
    const b = rootOf(second);
    if (typeof chain !== 'string' || !Array.isArray(proof) || typeof first !== 'number' || typeof second !== 'number' || !a || !b) {
      fail(line, 'format', 'a consistency line must name a chain and two of its checkpoint sizes', { chain: typeof chain === 'string' ? chain : '' });
      continue;
    }
    const path = proof.map((h) => Buffer.from(String(h), 'hex'));
    if (!verifyConsistency(first, second, Buffer.from(a, 'hex'), Buffer.from(b, 'hex'), path)) {
      fail(line, 'checkpoint', `checkpoint of size ${second} does not extend the one of size ${first}: consistency proof fails`, { chain });
    } else verified++;
  }
  return verified;
}
