import { RECORD_BODIES } from '../../../src-shared/domain';
import type { LedgerCheckpointBody, LedgerEntryBody } from '../../../src-shared/ledger';
import type { RecordApplier } from '../records/record-book';
import type { SignedRecord } from '../records/signed';
import { entryContextViolation, feeBpsAt, POOL_ACCOUNT, type ChainContext, type FeeConfig, type RuleBreak } from './entry-rules';
import { LedgerIndex, type AppliedEntry, type EntryPage, type EntryQuery } from './ledger-index';
import { MerkleTree, leafHash } from './merkle';
import { KeyedQueue } from './queue';

interface Candidate {
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

interface Chain {
  key: string;
  records: Map<number, Candidate[]>;
  maxSeq: number;
  applied: AppliedEntry[];
  ids: Map<string, AppliedEntry>;
  tree: MerkleTree;
  blocked: ChainBlock | null;
  dirtyFrom: number | null;
  checkpoints: StoredCheckpoint[];
}

/** Balance changes that are not chain entries: the valid reward claims, per account. */
export interface RewardSource {
  adjustments(): ReadonlyMap<string, number>;
}

export interface LedgerChanges {
  hashes: string[];
  accounts: string[];
}

/**
 * The ledger as the signed records say it is: one hash chain per signing key, each applied in seq
 * order up to its first break (a gap, a wrong prev, an equivocation, an uncertified device, a wrong
 * fee), balances summed over every chain's valid prefix, and an idempotency index by (chain, id).
 *
 * Records are only stored as they arrive (in any order: start-up reads documents alphabetically and
 * peers sync in any order); chains are evaluated when something is read, so a start-up applies each
 * entry once. A record that arrives below a chain's head (an equivocation) rolls the chain back to
 * before it, so every peer ends with the same balances whatever order it received records in.
 */
export class LedgerState implements RecordApplier {
  /** Appends are serialised per chain through this queue (see appendEntry). */
  readonly writes = new KeyedQueue();
  private readonly chains = new Map<string, Chain>();
  private readonly index = new LedgerIndex();
  private readonly certs = new Map<string, Set<string>>();
  private readonly configs: FeeConfig[] = [];
  private readonly dirty = new Set<Chain>();
  private readonly unreported = { hashes: new Set<string>(), accounts: new Set<string>() };
  private rewards: RewardSource | null = null;

  constructor(private readonly marketplace: { readonly id: string | null }) {}

  /** Valid reward claims (not chain entries: see incentives) move pool:rewards to producer accounts. */
  setRewardSource(source: RewardSource): void {
    this.rewards = source;
  }

  /** Only pool and producer accounts ask for claims, so user balances (the routing hot path) never compute an epoch. */
  private claimed(account: string): number {
    if (!this.rewards || !(account === POOL_ACCOUNT || account.startsWith('producer:'))) return 0;
    return this.rewards.adjustments().get(account) ?? 0;
  }

  /** RecordBook calls this for every record that passed signature and authority checks. */
  apply(record: SignedRecord): void {
    const { payload } = record;
    switch (payload.kind) {
      case 'ledger-entry': {
        // RecordBook validated the body against its schema before this runs.
        const chain = this.chainOf(payload.author);
        const at = chain.records.get(payload.seq) ?? [];
        if (at.some((c) => c.record.hash === record.hash)) return;
        at.push({ record, body: payload.body as LedgerEntryBody });
        chain.records.set(payload.seq, at);
        chain.maxSeq = Math.max(chain.maxSeq, payload.seq);
        this.markDirty(chain, payload.seq);
        return;
      }
      case 'ledger-checkpoint':
        this.chainOf(payload.author).checkpoints.push({ record, body: payload.body as LedgerCheckpointBody });
        return;
      case 'device-cert': {
        const device = RECORD_BODIES['device-cert'].parse(payload.body).deviceKey;
        let devices = this.certs.get(payload.author);
        if (!devices) this.certs.set(payload.author, (devices = new Set()));
        devices.add(device);
        // A certificate only adds: chains it unblocks continue, applied entries stay.
        for (const chain of this.chains.values()) if (chain.blocked) this.markDirty(chain, chain.blocked.seq);
        return;
      }
      case 'marketplace-config':
        if (payload.author !== this.marketplace.id) return;
        this.configs.push({ seq: payload.seq, ts: payload.ts, feeBps: RECORD_BODIES['marketplace-config'].parse(payload.body).feeBps });
        // The fee rate every charge is checked against may have changed: re-check every chain.
        for (const chain of this.chains.values()) this.markDirty(chain, 1);
        return;
      default:
        return;
    }
  }

  /** Evaluates what arrived and returns (once) the entries that took effect and accounts touched. */
  settle(): LedgerChanges {
    this.evaluate();
    const changes = { hashes: [...this.unreported.hashes], accounts: [...this.unreported.accounts] };
    this.unreported.hashes.clear();
    this.unreported.accounts.clear();
    return changes;
  }

  /** Would this record, signed as the next entry of its chain, take effect? (Checked before publishing.) */
  checkNext(record: SignedRecord): RuleBreak | null {
    this.evaluate();
    const chain = this.chainOf(record.payload.author);
    if (record.payload.seq !== chain.applied.length + 1) return { kind: 'chain', reason: `seq ${record.payload.seq} is not the chain's next (${chain.applied.length + 1})` };
    const body = record.payload.body as LedgerEntryBody;
    return entryContextViolation(record.payload, body, { ...this.context(chain), idTaken: chain.ids.has(body.id) });
  }

  /** The fee rate in force at `ts` under the marketplace's signed configs. */
  feeBps(ts: number): number {
    return feeBpsAt(this.configs, ts);
  }

  /** The last applied entry of a chain, and whether anything beyond it exists (a broken chain). */
  head(chainKey: string): { seq: number; hash: string | null; ts: number; broken: ChainBlock | null } {
    this.evaluate();
    const chain = this.chains.get(chainKey);
    const last = chain?.applied[chain.applied.length - 1];
    return { seq: last?.seq ?? 0, hash: last?.hash ?? null, ts: last?.ts ?? 0, broken: chain?.blocked ?? null };
  }

  entryById(chainKey: string, id: string): AppliedEntry | undefined {
    this.evaluate();
    return this.chains.get(chainKey)?.ids.get(id);
  }

  entry(hash: string): AppliedEntry | undefined {
    this.evaluate();
    return this.index.get(hash);
  }

  balance(account: string): number {
    this.evaluate();
    return this.index.balance(account) + this.claimed(account);
  }

  entryCount(account: string): number {
    this.evaluate();
    return this.index.entryCount(account);
  }

  lastTs(account: string): number {
    this.evaluate();
    return this.index.lastTs(account);
  }

  query(q: EntryQuery): EntryPage {
    this.evaluate();
    return this.index.query(q);
  }

  /** Identities that paid for at least one call to the model (valid entries only). */
  payersOf(modelId: string): string[] {
    this.evaluate();
    return [...this.index.payersOf(modelId)];
  }

  /** Every account with at least one applied entry and its balance. */
  balances(): Map<string, number> {
    this.evaluate();
    const out = new Map(this.index.accountNames().map((a) => [a, this.index.balance(a)]));
    for (const [account, amount] of this.rewards?.adjustments() ?? []) out.set(account, (out.get(account) ?? 0) + amount);
    return out;
  }

  get entryTotal(): number {
    this.evaluate();
    return this.index.size;
  }

  /** The Merkle tree over a chain's valid prefix (leaf i = entry seq i + 1). */
  tree(chainKey: string): MerkleTree {
    this.evaluate();
    return this.chains.get(chainKey)?.tree ?? new MerkleTree();
  }

  /** A chain's checkpoints, oldest (lowest seq) first. */
  checkpoints(chainKey: string): StoredCheckpoint[] {
    return [...(this.chains.get(chainKey)?.checkpoints ?? [])].sort((a, b) => a.record.payload.seq - b.record.payload.seq);
  }

  /** Checkpoints that sign for more entries than their chain holds: removed or not yet received. */
  truncations(): Array<{ chain: string; checkpoint: string; signedSize: number; present: number }> {
    this.evaluate();
    return [...this.chains.values()].flatMap((c) =>
      c.checkpoints.filter((k) => k.body.size > c.applied.length).map((k) => ({ chain: c.key, checkpoint: k.record.hash, signedSize: k.body.size, present: c.applied.length })),
    );
  }

  /** Chains whose valid prefix stops before their last record, with the reason. */
  blocks(): Array<{ chain: string } & ChainBlock> {
    this.evaluate();
    return [...this.chains.values()].filter((c) => c.blocked).map((c) => ({ chain: c.key, ...c.blocked! }));
  }

  private chainOf(key: string): Chain {
    let chain = this.chains.get(key);
    if (!chain) {
      chain = { key, records: new Map(), maxSeq: 0, applied: [], ids: new Map(), tree: new MerkleTree(), blocked: null, dirtyFrom: null, checkpoints: [] };
      this.chains.set(key, chain);
    }
    return chain;
  }

  private markDirty(chain: Chain, fromSeq: number): void {
    chain.dirtyFrom = chain.dirtyFrom === null ? fromSeq : Math.min(chain.dirtyFrom, fromSeq);
    this.dirty.add(chain);
  }

  private context(chain: Chain): Omit<ChainContext, 'idTaken'> {
    const previous = chain.applied[chain.applied.length - 1] ?? null;
    return {
      previous,
      treasury: this.marketplace.id,
      isCertified: (identity, device) => this.certs.get(identity)?.has(device) ?? false,
      feeBps: (ts) => this.feeBps(ts),
    };
  }

  private evaluate(): void {
    if (this.dirty.size === 0) return;
    for (const chain of this.dirty) {
      if (chain.dirtyFrom !== null && chain.dirtyFrom <= chain.applied.length) this.rollback(chain, chain.dirtyFrom);
      chain.dirtyFrom = null;
      chain.blocked = null;
      this.advance(chain);
    }
    this.dirty.clear();
  }

  private advance(chain: Chain): void {
    for (;;) {
      const seq = chain.applied.length + 1;
      const at = chain.records.get(seq);
      if (!at) {
        if (chain.maxSeq > seq) chain.blocked = { seq, hash: null, kind: 'chain', reason: `entry ${seq} is missing: entries up to ${chain.maxSeq} wait for it` };
        return;
      }
      if (at.length > 1) {
        chain.blocked = { seq, hash: at[0]!.record.hash, kind: 'equivocation', reason: `${at.length} different signed entries at seq ${seq}` };
        return;
      }
      const { record, body } = at[0]!;
      const ctx = { ...this.context(chain), idTaken: chain.ids.has(body.id) };
      const broken = entryContextViolation(record.payload, body, ctx);
      if (broken) {
        chain.blocked = { seq, hash: record.hash, ...broken };
        return;
      }
      const entry: AppliedEntry = { hash: record.hash, record, body, chain: chain.key, seq, ts: record.payload.ts, kind: body.kind };
      chain.applied.push(entry);
      chain.ids.set(body.id, entry);
      chain.tree.push(leafHash(record.bytes));
      this.index.add(entry);
      this.unreported.hashes.add(entry.hash);
      for (const p of body.postings) this.unreported.accounts.add(p.account);
    }
  }

  private rollback(chain: Chain, fromSeq: number): void {
    for (const entry of chain.applied.splice(fromSeq - 1)) {
      this.index.remove(entry);
      chain.ids.delete(entry.body.id);
      this.unreported.hashes.delete(entry.hash);
      for (const p of entry.body.postings) this.unreported.accounts.add(p.account);
    }
    chain.tree.truncate(fromSeq - 1);
  }
}
