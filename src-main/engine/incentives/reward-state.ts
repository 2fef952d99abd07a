import { producerAccount, POOL_ACCOUNT } from '../ledger/entry-rules';
import type { RecordApplier } from '../records/record-book';
import type { SignedRecord } from '../records/signed';
import { computeEpoch, type EpochResult } from './epoch-compute';
import { epochData, verifierOf, type Admission } from './epoch-data';
import { epochOf, REWARD_PARAMS, windowOf } from './params';
import { RewardInputs, type ClaimRow } from './reward-inputs';

export interface RewardDeps {
  clock: () => number;
  marketplace: { readonly id: string | null; info(): { epochSeconds: number; graceSeconds: number } | null };
  /** Whether a ledger entry took effect in the ledger (LedgerState). */
  isApplied(hash: string): boolean;
  emit(payload: { epochs: number[]; accounts: string[] }): void;
}

export interface RewardConfig {
  marketplaceId: string;
  lenMs: number;
  graceMs: number;
}

export type ClaimStatus = 'valid' | 'quarantined' | 'pending';
export interface ClaimState extends ClaimRow {
  status: ClaimStatus;
  reason: string | null;
}

interface Cache {
  key: string;
  results: Map<number, EpochResult>;
}

/**
 * The incentive epochs of this engine's marketplace: computed from the rows RewardInputs keeps,
 * cached per epoch until something timed in (or before) it arrives, and the reward claims checked
 * against them. Claims are not ledger entries: LedgerState asks this for the balance adjustments
 * of the valid ones (pool:rewards → producer:<key>).
 */
export class RewardState implements RecordApplier {
  readonly inputs: RewardInputs;
  private cache: Cache | null = null;
  private pending: { epochs: Set<number>; accounts: Set<string> } | null = null;

  constructor(private readonly deps: RewardDeps) {
    this.inputs = new RewardInputs();
    this.inputs.onClaim((row) => this.announce(row.epoch, producerAccount(row.producerKey)));
  }

  apply(record: SignedRecord): void {
    this.inputs.apply(record);
    // A close makes its epoch final (and may move every later carry): windows re-read the epochs.
    if (record.payload.kind === 'epoch-close') this.announce((record.payload.body as { epoch: number }).epoch, null);
  }

  config(): RewardConfig | null {
    const info = this.deps.marketplace.info();
    const id = this.deps.marketplace.id;
    if (!info || !id) return null;
    return { marketplaceId: id, lenMs: info.epochSeconds * 1000, graceMs: info.graceSeconds * 1000 };
  }

  get now(): number {
    return this.deps.clock();
  }

  /**
   * Every epoch with charges, claims or a close, and the current one, oldest first, each with its
   * result: final from exactly the inputs its epoch-close lists (and the carry it signs), else
   * provisional from every record held, carrying the previous epoch's remainder.
   */
  epochs(): EpochResult[] {
    const config = this.config();
    if (!config) return [];
    const treasury = config.marketplaceId;
    const key = `${config.marketplaceId}|${config.lenMs}|${config.graceMs}`;
    const cache = this.cache?.key === key ? this.cache : { key, results: new Map<number, EpochResult>() };
    const dirtySince = cache.results.size === 0 ? -Infinity : this.inputs.dirtySince;
    this.inputs.markClean();
    const buckets = this.inputs.buckets(config.lenMs);
    const isApplied = (hash: string) => this.deps.isApplied(hash);
    const { closes } = this.inputs;
    // Epochs up to the current one only: a record (or claim) timed in the future waits for its epoch,
    // and a forged far-future time cannot make the engine compute windows beyond safe integers.
    const current = epochOf(this.now, config.lenMs);
    const indexes = new Set<number>([current]);
    for (const [epoch, bucket] of buckets) if (bucket.charges.length > 0 && epoch <= current) indexes.add(epoch);
    for (const claim of this.inputs.claims) if (claim.epoch <= current) indexes.add(claim.epoch);
    for (const epoch of closes.epochs()) if (epoch <= current && closes.fixed(epoch, treasury)) indexes.add(epoch);
    const out: EpochResult[] = [];
    const fresh = new Map<number, EpochResult>();
    let carry = 0;
    for (const epoch of [...indexes].sort((a, b) => a - b)) {
      const window = windowOf(epoch, config.lenMs, config.graceMs);
      const fixed = closes.fixed(epoch, treasury);
      const cached = cache.results.get(epoch);
      // Unchanged: nothing new timed before its close, the same close, the same carry in.
      const same = cached && window.close <= dirtySince && cached.inputs.root === (fixed?.root ?? null) && cached.carryIn === (cached.inputs.state === 'final' ? fixed!.carryIn : carry);
      let result = same ? cached : null;
      if (!result) {
        let missing = 0;
        if (fixed) for (const hash of fixed.hashes) if (!this.inputs.has(hash)) missing++;
        const final = fixed !== null && missing === 0;
        const admit: Admission = { fixed: final ? fixed.hashes : null, isApplied, read: new Set() };
        const inputs = { state: final ? ('final' as const) : fixed ? ('incomplete' as const) : ('provisional' as const), root: fixed?.root ?? null, count: fixed?.hashes.size ?? 0, missing, read: admit.read };
        const data = epochData(buckets.get(epoch), window, this.inputs, admit);
        result = computeEpoch(data, verifierOf(this.inputs, admit), final ? fixed.carryIn : carry, REWARD_PARAMS, config.marketplaceId, inputs);
      }
      fresh.set(epoch, result);
      out.push(result);
      carry = result.carryOut;
    }
    this.cache = { key, results: fresh };
    return out;
  }

  result(epoch: number): EpochResult | null {
    return this.epochs().find((r) => r.window.epoch === epoch) ?? null;
  }

  /** Every claim with its status now: the first valid one per (epoch, producer) counts, no other. */
  claims(): ClaimState[] {
    const results = new Map(this.epochs().map((r) => [r.window.epoch, r]));
    const config = this.config();
    const taken = new Map<string, string>();
    const order = [...this.inputs.claims].sort((a, b) => a.epoch - b.epoch || a.seq - b.seq || (a.hash < b.hash ? -1 : 1));
    return order.map((claim) => {
      if (!config) return { ...claim, status: 'pending' as const, reason: 'the marketplace config has not arrived here yet' };
      const result = results.get(claim.epoch);
      const verdict = (status: ClaimStatus, reason: string | null): ClaimState => ({ ...claim, status, reason });
      // Only signed data decides: the claim's own time, then the treasury's close and the records it lists.
      const { finalAt } = result?.window ?? windowOf(claim.epoch, config.lenMs, config.graceMs);
      if (claim.ts < finalAt) return verdict('quarantined', `signed at ${claim.ts}, before the epoch could be final (${finalAt})`);
      if (!result || result.inputs.state === 'provisional') return verdict('pending', `no epoch-close by the treasury for epoch ${claim.epoch} here yet`);
      if (result.inputs.state === 'incomplete') return verdict('pending', `${result.inputs.missing} of the ${result.inputs.count} records epoch ${claim.epoch}'s close lists have not arrived here yet`);
      const computed = result.amounts.get(claim.producerKey) ?? 0;
      if (computed === 0) return verdict('quarantined', 'nothing to claim: the recomputed reward of this producer is 0');
      if (claim.amount !== computed) return verdict('quarantined', `claims ${claim.amount} but the recomputed reward is ${computed}`);
      if (claim.resultHash !== result.resultHash) {
        return verdict('quarantined', `result hash ${claim.resultHash.slice(0, 12)}… differs from the one computed from the epoch's close (${result.resultHash.slice(0, 12)}…)`);
      }
      const key = `${claim.epoch}|${claim.producerKey}`;
      const first = taken.get(key);
      if (first) return verdict('quarantined', `duplicate: epoch ${claim.epoch} was already claimed by ${first}`);
      taken.set(key, claim.hash);
      return verdict('valid', null);
    });
  }

  /** What valid claims moved, per account (pool:rewards negative, producers positive). */
  adjustments(): Map<string, number> {
    const out = new Map<string, number>();
    for (const claim of this.claims()) {
      if (claim.status !== 'valid') continue;
      out.set(POOL_ACCOUNT, (out.get(POOL_ACCOUNT) ?? 0) - claim.amount);
      const account = producerAccount(claim.producerKey);
      out.set(account, (out.get(account) ?? 0) + claim.amount);
    }
    return out;
  }

  /** Claims and closes arriving one by one (a sync batch) become one rewards.changed. */
  private announce(epoch: number, account: string | null): void {
    if (!this.pending) {
      this.pending = { epochs: new Set(), accounts: new Set([POOL_ACCOUNT]) };
      queueMicrotask(() => {
        const { epochs, accounts } = this.pending!;
        this.pending = null;
        this.deps.emit({ epochs: [...epochs].sort((a, b) => a - b), accounts: [...accounts].sort() });
      });
    }
    this.pending.epochs.add(epoch);
    if (account) this.pending.accounts.add(account);
  }
}
