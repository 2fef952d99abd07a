import { compareEntries, entryAuthorityViolation, entryContextViolation, feeBpsAt, paymentKey, TREASURY_ACCOUNT, userAccount, type FeeConfig, type ProblemKind } from './entry-rules';
import { MerkleTree } from './merkle';
import type { ChainRun, EntryItem, Fail } from './verify-types';

/**
 * The chain half of the export verifier (verify-export.ts): which entries count, and the balances
 * they add up to, exactly (BigInt). Linear but for one sort of the counted entries.
 */

export interface ChainRules {
  treasury: string | null;
  fees: FeeConfig[];
  certs: ReadonlyMap<string, ReadonlySet<string>>;
  /** Export version 2 on: a forked chain's entries all count (version 1: its prefix ends at the fork). */
  forksCount: boolean;
}

export interface Fork {
  chain: string;
  /** The lowest seq holding two different signed entries. */
  seq: number;
}

export interface Deficit {
  account: string;
  amount: bigint;
}

export interface ChainsOutcome {
  chains: Map<string, ChainRun>;
  counted: EntryItem[];
  forks: Fork[];
}

/** Every chain of the export, its entries in file order, grouped in one pass. */
function byChain(entries: readonly EntryItem[]): Map<string, EntryItem[]> {
  const out = new Map<string, EntryItem[]>();
  for (const e of entries) {
    const list = out.get(e.chain);
    if (list) list.push(e);
    else out.set(e.chain, [e]);
  }
  return out;
}

/**
 * The entry that makes the lowest fork of a chain. Only entries an engine would store count here
 * (well formed; a deposit by the treasury): a peer refuses the others, so they cannot fork its chain.
 */
function forkOf(list: readonly EntryItem[], treasury: string | null): EntryItem | null {
  const first = new Map<number, string>();
  let fork: EntryItem | null = null;
  for (const e of list) {
    if (e.shape || (e.kind === 'deposit' && e.chain !== treasury)) continue;
    const at = first.get(e.seq);
    if (at === undefined) first.set(e.seq, e.hash);
    else if (at !== e.hash && (!fork || e.seq < fork.seq)) fork = e;
  }
  return fork;
}

export function runChains(entries: readonly EntryItem[], rules: ChainRules, fail: Fail, step: () => void): ChainsOutcome {
  const chains = new Map<string, ChainRun>();
  const counted: EntryItem[] = [];
  const forks: Fork[] = [];
  const authority = { treasury: rules.treasury, isCertified: (identity: string, device: string) => rules.certs.get(identity)?.has(device) ?? false, feeBps: (ts: number) => feeBpsAt(rules.fees, ts) };
  for (const [chain, list] of byChain(entries)) {
    const fork = rules.forksCount ? forkOf(list, rules.treasury) : null;
    const run: ChainRun = { applied: [], ids: new Set(), tree: new MerkleTree(), broken: false, forkedAt: fork?.seq ?? null, maxSeq: 0 };
    chains.set(chain, run);
    let stoppedAt: string | null = null;
    for (const e of list) {
      step();
      // Past the fork there is no one chain: those entries count below, each on its own.
      if (run.broken || (fork && e.seq >= fork.seq)) continue;
      const where = { chain: e.chain, seq: e.seq, hash: e.hash, id: e.body.id };
      const stop = (kind: ProblemKind, reason: string) => {
        fail(e.line, kind, reason, where);
        run.broken = true;
        stoppedAt = e.hash;
      };
      const at = run.applied[e.seq - 1];
      if (at) {
        stop('equivocation', `a second signed entry at seq ${e.seq} (the first is ${at.hash.slice(0, 16)}…, id ${at.body.id})`);
        continue;
      }
      if (e.seq !== run.applied.length + 1) {
        stop('chain', `seq ${e.seq} follows seq ${run.applied.length}: entry ${run.applied.length + 1} is missing or out of order`);
        continue;
      }
      if (e.shape) {
        stop(e.shape.kind, e.shape.reason);
        continue;
      }
      const previous = run.applied[run.applied.length - 1] ?? null;
      const broken = entryContextViolation({ author: e.chain, seq: e.seq, ts: e.ts }, e.body, { ...authority, previous, idTaken: run.ids.has(e.body.id) });
      if (broken) {
        stop(broken.kind, broken.reason);
        continue;
      }
      run.applied.push(e);
      run.ids.add(e.body.id);
      run.tree.push(e.leaf);
    }
    if (!fork) {
      for (const e of run.applied) counted.push(e);
      run.maxSeq = run.applied.length;
      continue;
    }
    fail(fork.line, 'equivocation', `a second signed entry at seq ${fork.seq}: device key ${chain} is frozen, and every entry it signed counts once per payment (id and content)`, {
      chain,
      seq: fork.seq,
      hash: fork.hash,
      id: fork.body.id,
    });
    forks.push({ chain, seq: fork.seq });
    run.maxSeq = countForked(list, { authority, fail, step, reported: stoppedAt }, counted);
  }
  return { chains, counted, forks };
}

/**
 * A forked chain: every entry its key signed that is well formed, authorised and at the right fee
 * counts, whatever its seq, prev or branch; one payment signed twice (same id and content) counts
 * once, as the entry with the lowest hash. Returns the highest seq counted.
 */
function countForked(
  list: readonly EntryItem[],
  how: { authority: Parameters<typeof entryAuthorityViolation>[2]; fail: Fail; step: () => void; reported: string | null },
  counted: EntryItem[],
): number {
  const { authority, fail, step } = how;
  const payments = new Map<string, EntryItem>();
  const ids = new Map<string, string>();
  for (const e of list) {
    step();
    const broken = e.shape ?? entryAuthorityViolation({ author: e.chain, ts: e.ts }, e.body, authority);
    const where = { chain: e.chain, seq: e.seq, hash: e.hash, id: e.body.id };
    if (broken) {
      // The chain's own run already reported the entry it stopped at.
      if (e.hash !== how.reported) fail(e.line, broken.kind, broken.reason, where);
      continue;
    }
    const key = paymentKey(e.body);
    const twin = payments.get(key);
    if (!twin || e.hash < twin.hash) payments.set(key, e);
    const firstKey = ids.get(e.body.id);
    if (firstKey === undefined) ids.set(e.body.id, key);
    else if (firstKey !== key) fail(e.line, 'conflict', `entry id ${e.body.id} names two different payments on a forked chain: both count`, where);
  }
  let maxSeq = 0;
  for (const e of payments.values()) {
    counted.push(e);
    maxSeq = Math.max(maxSeq, e.seq);
  }
  return maxSeq;
}

/**
 * Replays the counted entries in the ledger's order with exact sums: no user account may go below
 * zero (an overdraft). Then, from version 2, each frozen identity's negative user balance (what its
 * forks spent beyond its credits) is written off to the treasury and reported.
 */
export function settleBalances(outcome: ChainsOutcome, fail: Fail, count: () => void): { balances: Map<string, bigint>; deficits: Deficit[] } {
  const ordered = outcome.counted.sort((a, b) => {
    count();
    return compareEntries(a, b);
  });
  const balances = new Map<string, bigint>();
  const reported = new Set<string>();
  for (const e of ordered) {
    count();
    for (const { account, amount } of e.body.postings) {
      const balance = (balances.get(account) ?? 0n) + BigInt(amount);
      balances.set(account, balance);
      if (balance < 0n && account.startsWith('user:') && !reported.has(account)) {
        reported.add(account);
        fail(e.line, 'overdraft', `${account} goes to ${balance}: it spends more than it was credited`, { chain: e.chain, seq: e.seq, hash: e.hash, id: e.body.id });
      }
    }
  }
  const frozen = new Set(outcome.forks.map((f) => f.chain));
  const identities = new Set<string>();
  for (const e of ordered) if (frozen.has(e.chain)) identities.add(e.body.identity);
  const deficits: Deficit[] = [];
  for (const identity of [...identities].sort()) {
    const account = userAccount(identity);
    const balance = balances.get(account) ?? 0n;
    if (balance >= 0n) continue;
    deficits.push({ account, amount: -balance });
    balances.set(account, 0n);
    balances.set(TREASURY_ACCOUNT, (balances.get(TREASURY_ACCOUNT) ?? 0n) + balance);
  }
  return { balances, deficits };
}
