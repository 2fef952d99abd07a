import type { LedgerCheckpointBody, LedgerEntryBody, LedgerProblem } from '../../../src-shared/ledger';
import type { ProblemKind, RuleBreak } from './entry-rules';
import type { MerkleTree } from './merkle';

/** The shapes the export verifier's parts (verify-export, -chains, -checkpoints) pass each other. */

export interface VerifyProblem extends LedgerProblem {
  id: string | null;
  /** 1-based line of the export the problem was found at. */
  line: number;
}

export interface EntryItem {
  line: number;
  hash: string;
  chain: string;
  seq: number;
  ts: number;
  kind: LedgerEntryBody['kind'];
  body: LedgerEntryBody;
  leaf: Buffer;
  shape: RuleBreak | null;
}

export interface CheckpointItem {
  line: number;
  hash: string;
  chain: string;
  seq: number;
  body: LedgerCheckpointBody;
}

/** One chain as the verifier replayed it: its valid prefix (before any fork) and the tree over it. */
export interface ChainRun {
  applied: EntryItem[];
  ids: Set<string>;
  tree: MerkleTree;
  broken: boolean;
  /** The seq of a forked chain's first fork: no single tree covers the chain past it. */
  forkedAt: number | null;
  /** The highest seq that counts (the prefix's length on a chain that never forked). */
  maxSeq: number;
}

export type Fail = (line: number, kind: ProblemKind, reason: string, where?: Partial<Pick<VerifyProblem, 'chain' | 'seq' | 'hash' | 'id'>>) => void;
