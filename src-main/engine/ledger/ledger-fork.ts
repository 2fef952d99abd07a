import { GENESIS_PREV, type LedgerCheckpointBody, type LedgerEntryBody } from '../../../src-shared/ledger';
import type { SignedRecord } from '../records/signed';
import { entryAuthorityViolation, entryContextViolation, paymentKey, userAccount, type ChainContext, type RuleBreak } from './entry-rules';
import type { AppliedEntry } from './ledger-index';
import { leafHash, type MerkleTree } from './merkle';

/**
 * Forked chains (docs/ledger-format.md "Forks"): when a key signs two different entries at one seq,
 * nothing it signed is taken back. Every entry of every branch counts once per payment, the key is
 * frozen, and its identity's deficit is written off to the treasury (LedgerState). Counting only
 * ever adds, so a peer that credited a producer before it saw the fork never has to take it back.
 */

export interface Candidate {
  record: SignedRecord;
  body: LedgerEntryBody;
}

export interface StoredCheckpoint {
  record: SignedRecord;
  body: LedgerCheckpointBody;
}

/** Why a chain's valid prefix stops where it does (nothing after it counts until it is resolved). */
export interface ChainBlock extends RuleBreak {
  seq: number;
  hash: string | null;
}

export interface ForkState {
  /** The lowest seq holding two different entries. */
  seq: number;
  /** What counts, by payment (id and content): the entry with the lowest hash. */
  payments: Map<string, AppliedEntry>;
  /** Entries not counted yet: their signer's certificate (or the fee's config) may still arrive. */
  pending: Map<string, Candidate>;
  /** Set when the fee configs change: every entry is checked again. */
  recount: boolean;
  /** The identities the counted entries act for: whose deficits the treasury absorbs. */
  identities: Set<string>;
}

export interface Chain {
  key: string;
  records: Map<number, Candidate[]>;
  maxSeq: number;
  /** The valid prefix (before any fork): the entries the chain's Merkle tree holds. */
  applied: AppliedEntry[];
  ids: Map<string, AppliedEntry>;
  tree: MerkleTree;
  blocked: ChainBlock | null;
  dirtyFrom: number | null;
  checkpoints: StoredCheckpoint[];
  fork: ForkState | null;
}

/** What evaluating a chain reads and changes outside it: the rules' context, LedgerState's index and change reports. */
export interface ChainEffects {
  authority(): Omit<ChainContext, 'previous' | 'idTaken'>;
  count(entry: AppliedEntry): void;
  uncount(entry: AppliedEntry): void;
}

const appliedOf = (chain: Chain, { record, body }: Candidate): AppliedEntry => ({ hash: record.hash, record, body, chain: chain.key, seq: record.payload.seq, ts: record.payload.ts, kind: body.kind });

/** The chain's first fork: its prefix keeps counting and every other entry becomes a candidate. */
export function markForked(chain: Chain, seq: number): void {
  if (chain.fork) {
    chain.fork.seq = Math.min(chain.fork.seq, seq);
    return;
  }
  const fork: ForkState = { seq, payments: new Map(), pending: new Map(), recount: false, identities: new Set() };
  for (const entry of chain.applied) {
    fork.payments.set(paymentKey(entry.body), entry);
    fork.identities.add(entry.body.identity);
  }
  const counted = new Set(chain.applied.map((e) => e.hash));
  for (const at of chain.records.values()) for (const c of at) if (!counted.has(c.record.hash)) fork.pending.set(c.record.hash, c);
  chain.fork = fork;
}

/** Counts what can count of a forked chain's pending entries, then re-derives its prefix and block. */
export function countForked(chain: Chain, effects: ChainEffects): void {
  const fork = chain.fork!;
  const authority = effects.authority();
  if (fork.recount) {
    for (const entry of fork.payments.values()) effects.uncount(entry);
    fork.payments.clear();
    fork.identities.clear();
    for (const at of chain.records.values()) for (const c of at) fork.pending.set(c.record.hash, c);
    for (const e of chain.applied.splice(0)) chain.ids.delete(e.body.id);
    chain.tree.truncate(0);
    fork.recount = false;
  }
  for (const [hash, candidate] of fork.pending) {
    if (entryAuthorityViolation(candidate.record.payload, candidate.body, authority)) continue;
    fork.pending.delete(hash);
    const key = paymentKey(candidate.body);
    const twin = fork.payments.get(key);
    if (twin && twin.hash < hash) continue;
    if (twin) effects.uncount(twin);
    const entry = appliedOf(chain, candidate);
    fork.payments.set(key, entry);
    fork.identities.add(entry.body.identity);
    effects.count(entry);
  }
  rebuildPrefix(chain, authority);
  const at = [...(chain.records.get(fork.seq) ?? [])].sort((a, b) => (a.record.hash < b.record.hash ? -1 : 1));
  chain.blocked = {
    seq: fork.seq,
    hash: at[0]?.record.hash ?? null,
    kind: 'equivocation',
    reason: `key ${chain.key} signed ${at.length} different entries at seq ${fork.seq}: it is frozen (every entry it signed counts; its identity can link a new device)`,
  };
}

/**
 * The valid prefix below the fork, by the rules of a chain that never forked: what the chain's tree
 * proves (its entries also count as payments). It only shrinks when a lower fork arrives.
 */
function rebuildPrefix(chain: Chain, authority: Omit<ChainContext, 'previous' | 'idTaken'>): void {
  const fork = chain.fork!;
  const keep = chain.applied.findIndex((e) => e.seq >= fork.seq);
  if (keep !== -1) {
    for (const e of chain.applied.splice(keep)) chain.ids.delete(e.body.id);
    chain.tree.truncate(keep);
  }
  for (;;) {
    const seq = chain.applied.length + 1;
    const at = chain.records.get(seq);
    if (seq >= fork.seq || !at || at.length !== 1) return;
    const previous = chain.applied[chain.applied.length - 1] ?? null;
    const { record, body } = at[0]!;
    if (body.prev !== (previous?.hash ?? GENESIS_PREV)) return;
    if (entryContextViolation(record.payload, body, { ...authority, previous, idTaken: chain.ids.has(body.id) })) return;
    const entry = appliedOf(chain, at[0]!);
    chain.applied.push(entry);
    chain.ids.set(body.id, entry);
    chain.tree.push(leafHash(record.bytes));
  }
}

/** The highest seq that counts in a chain (its prefix's length when it never forked). */
export function countedLength(chain: Chain): number {
  if (!chain.fork) return chain.applied.length;
  let max = 0;
  for (const entry of chain.fork.payments.values()) max = Math.max(max, entry.seq);
  return max;
}

export function forksOf(forked: Iterable<Chain>): Array<{ chain: string; seq: number }> {
  return [...forked].map((c) => ({ chain: c.key, seq: c.fork!.seq })).sort((a, b) => (a.chain < b.chain ? -1 : 1));
}

export interface Deficit {
  account: string;
  amount: number;
}

/**
 * What each identity with a frozen key spent beyond its credits: its user account shows 0 and the
 * treasury absorbs the rest (a later deposit to the identity repays the treasury first).
 */
export function deficitsOf(forked: Iterable<Chain>, balanceOf: (account: string) => number): Deficit[] {
  const identities = new Set<string>();
  for (const chain of forked) for (const identity of chain.fork!.identities) identities.add(identity);
  const out: Deficit[] = [];
  for (const identity of [...identities].sort()) {
    const account = userAccount(identity);
    const balance = balanceOf(account);
    if (balance < 0) out.push({ account, amount: -balance });
  }
  return out;
}
