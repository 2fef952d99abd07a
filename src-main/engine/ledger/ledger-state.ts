import { RECORD_BODIES } from '../../../src-shared/domain';
import type { LedgerCheckpointBody, LedgerEntryBody } from '../../../src-shared/ledger';
import type { RecordApplier } from '../records/record-book';
import type { SignedRecord } from '../records/signed';
import { entryContextViolation, feeBpsAt, POOL_ACCOUNT, TREASURY_ACCOUNT, type FeeConfig, type RuleBreak } from './entry-rules';
import { advanceChain, rollbackChain } from './ledger-chain';
import { countedLength, countForked, deficitsOf, forksOf, markForked, type Chain, type ChainBlock, type ChainEffects, type Deficit, type StoredCheckpoint } from './ledger-fork';
import { LedgerIndex, type AppliedEntry, type EntryPage, type EntryQuery } from './ledger-index';
import { MerkleTree } from './merkle';
import { KeyedQueue } from './queue';

export type { ChainBlock, StoredCheckpoint } from './ledger-fork';

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
 * order up to its first break (a gap, a wrong prev, an uncertified device, a wrong fee), balances
 * summed over every chain's valid prefix, and an idempotency index by (chain, id). A key that signs
 * two entries at one seq forks its chain: then every entry it signed counts once per payment and
 * the key is frozen (ledger-fork.ts), so a fork never takes back what others were credited.
 *
 * Records are only stored as they arrive (in any order: start-up reads documents alphabetically and
 * peers sync in any order); chains are evaluated when something is read, so a start-up applies each
 * entry once, and every peer ends with the same balances whatever order it received records in.
 */
export class LedgerState implements RecordApplier {
  /** Appends are serialised per chain through this queue (see appendEntry). */
  readonly writes = new KeyedQueue();
  private readonly chains = new Map<string, Chain>();
  private readonly index = new LedgerIndex();
  private readonly certs = new Map<string, Set<string>>();
  private readonly configs: FeeConfig[] = [];
  private readonly dirty = new Set<Chain>();
  private readonly forked = new Set<Chain>();
  private readonly effects: ChainEffects = {
    authority: () => ({
      treasury: this.marketplace.id,
      isCertified: (identity, device) => this.certs.get(identity)?.has(device) ?? false,
      feeBps: (ts) => this.feeBps(ts),
    }),
    count: (entry) => this.count(entry),
    uncount: (entry) => this.uncount(entry),
  };
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
        const candidate = { record, body: payload.body as LedgerEntryBody };
        at.push(candidate);
        chain.records.set(payload.seq, at);
        chain.maxSeq = Math.max(chain.maxSeq, payload.seq);
        // A forked chain takes every new entry as a candidate; the first fork takes all it holds.
        chain.fork?.pending.set(record.hash, candidate);
        if (at.length > 1) markForked(chain, payload.seq);
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
        for (const chain of this.chains.values()) if (chain.blocked || chain.fork?.pending.size) this.markDirty(chain, chain.blocked?.seq ?? chain.maxSeq);
        return;
      }
      case 'marketplace-config':
        if (payload.author !== this.marketplace.id) return;
        this.configs.push({ seq: payload.seq, ts: payload.ts, feeBps: RECORD_BODIES['marketplace-config'].parse(payload.body).feeBps });
        // The fee rate every charge is checked against may have changed: re-check every chain.
        for (const chain of this.chains.values()) {
          if (chain.fork) chain.fork.recount = true;
          this.markDirty(chain, 1);
        }
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
    return entryContextViolation(record.payload, body, { ...this.effects.authority(), previous: chain.applied.at(-1) ?? null, idTaken: chain.ids.has(body.id) });
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
    const balance = this.index.balance(account) + this.claimed(account);
    if (this.forked.size === 0) return balance;
    if (account === TREASURY_ACCOUNT) return balance - this.deficits().reduce((t, d) => t + d.amount, 0);
    return this.deficits().find((d) => d.account === account) ? 0 : balance;
  }

  /** Chains whose key signed two entries at one seq: frozen; every entry they signed counts. */
  forks(): Array<{ chain: string; seq: number }> {
    this.evaluate();
    return forksOf(this.forked);
  }

  /** What each identity with a frozen key spent beyond its credits (ledger-fork.ts deficitsOf). */
  deficits(): Deficit[] {
    this.evaluate();
    return deficitsOf(this.forked, (account) => this.index.balance(account));
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
    for (const { account, amount } of this.forked.size > 0 ? this.deficits() : []) {
      out.set(account, 0);
      out.set(TREASURY_ACCOUNT, (out.get(TREASURY_ACCOUNT) ?? 0) - amount);
    }
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
    return [...this.chains.values()].flatMap((c) => {
      const present = countedLength(c);
      return c.checkpoints.filter((k) => k.body.size > present).map((k) => ({ chain: c.key, checkpoint: k.record.hash, signedSize: k.body.size, present }));
    });
  }

  /** Chains whose valid prefix stops before their last record, with the reason. */
  blocks(): Array<{ chain: string } & ChainBlock> {
    this.evaluate();
    return [...this.chains.values()].filter((c) => c.blocked).map((c) => ({ chain: c.key, ...c.blocked! }));
  }

  private chainOf(key: string): Chain {
    let chain = this.chains.get(key);
    if (!chain) {
      chain = { key, records: new Map(), maxSeq: 0, applied: [], ids: new Map(), tree: new MerkleTree(), blocked: null, dirtyFrom: null, checkpoints: [], fork: null };
      this.chains.set(key, chain);
    }
    return chain;
  }

  private markDirty(chain: Chain, fromSeq: number): void {
    chain.dirtyFrom = chain.dirtyFrom === null ? fromSeq : Math.min(chain.dirtyFrom, fromSeq);
    this.dirty.add(chain);
  }

  private evaluate(): void {
    if (this.dirty.size === 0) return;
    for (const chain of this.dirty) {
      if (chain.fork) {
        this.forked.add(chain);
        chain.dirtyFrom = null;
        countForked(chain, this.effects);
        continue;
      }
      if (chain.dirtyFrom !== null && chain.dirtyFrom <= chain.applied.length) rollbackChain(chain, chain.dirtyFrom, this.effects);
      chain.dirtyFrom = null;
      chain.blocked = null;
      advanceChain(chain, this.effects);
    }
    this.dirty.clear();
  }

  private count(entry: AppliedEntry): void {
    this.index.add(entry);
    this.unreported.hashes.add(entry.hash);
    for (const p of entry.body.postings) this.unreported.accounts.add(p.account);
  }

  private uncount(entry: AppliedEntry): void {
    this.index.remove(entry);
    this.unreported.hashes.delete(entry.hash);
    for (const p of entry.body.postings) this.unreported.accounts.add(p.account);
  }
}
