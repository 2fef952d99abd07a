import { producerAccount, POOL_ACCOUNT } from '../ledger/entry-rules';
import type { RecordApplier } from '../records/record-book';
import type { SignedRecord } from '../records/signed';
import type { Receipts } from '../reviews/receipts';
import { computeEpoch, type EpochResult } from './epoch-compute';
import { epochData, verifierOf } from './epoch-data';
import { epochOf, REWARD_PARAMS, windowOf } from './params';
import { RewardInputs, type ClaimRow } from './reward-inputs';

export interface RewardDeps {
  receipts: Receipts;
  clock: () => number;
  marketplace: { readonly id: string | null; info(): { epochSeconds: number; graceSeconds: number } | null };
  /** Whether a ledger entry took effect (in its chain's valid prefix). */
  isApplied(hash: string): boolean;
  emit(payload: { epochs: number[]; accounts: string[] }): void;
  /** Keys this engine signs with (see RewardInputs). */
  isOwn?: (author: string) => boolean;
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
    this.inputs = new RewardInputs(deps.receipts, deps.clock, deps.isOwn);
    this.inputs.onClaim((row) => this.announce(row));
  }

  apply(record: SignedRecord): void {
    this.inputs.apply(record);
  }

  /** See RewardInputs.noteReceived. */
  noteReceived(record: SignedRecord): void {
    this.inputs.noteReceived(record.hash, record.payload.author, record.payload.ts);
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

  /** Every epoch with charges (or claims), and the current one, oldest first, each with its result. */
  epochs(): EpochResult[] {
    const config = this.config();
    if (!config) return [];
    const key = `${config.marketplaceId}|${config.lenMs}|${config.graceMs}`;
    const cache = this.cache?.key === key ? this.cache : { key, results: new Map<number, EpochResult>() };
    const dirtySince = cache.results.size === 0 ? -Infinity : this.inputs.dirtySince;
    this.inputs.markClean();
    const buckets = this.inputs.buckets(config.lenMs);
    const isApplied = (hash: string) => this.deps.isApplied(hash);
    const verify = verifierOf(this.inputs, isApplied);
    // Epochs up to the current one only: a record (or claim) timed in the future waits for its epoch,
    // and a forged far-future time cannot make the engine compute windows beyond safe integers.
    const current = epochOf(this.now, config.lenMs);
    const indexes = new Set<number>([current]);
    for (const [epoch, bucket] of buckets) if (bucket.charges.length > 0 && epoch <= current) indexes.add(epoch);
    for (const claim of this.inputs.claims) if (claim.epoch <= current) indexes.add(claim.epoch);
    const out: EpochResult[] = [];
    const fresh = new Map<number, EpochResult>();
    let carry = 0;
    for (const epoch of [...indexes].sort((a, b) => a - b)) {
      const window = windowOf(epoch, config.lenMs, config.graceMs);
      const cached = cache.results.get(epoch);
      // An epoch that closed before anything new was timed, with the same carry in, is unchanged.
      const result =
        cached && cached.carryIn === carry && window.close <= dirtySince
          ? cached
          : computeEpoch(epochData(buckets.get(epoch), window, this.inputs, isApplied), verify, carry, REWARD_PARAMS, config.marketplaceId);
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
    const now = this.now;
    const taken = new Map<string, string>();
    const order = [...this.inputs.claims].sort((a, b) => a.epoch - b.epoch || a.seq - b.seq || (a.hash < b.hash ? -1 : 1));
    return order.map((claim) => {
      const result = results.get(claim.epoch);
      const verdict = (status: ClaimStatus, reason: string | null): ClaimState => ({ ...claim, status, reason });
      if (!result) return verdict('quarantined', 'no such epoch here (yet): its window has not begun');
      const { finalAt } = result.window;
      if (claim.ts < finalAt) return verdict('quarantined', `signed at ${claim.ts}, before the epoch was final (${finalAt})`);
      if (now < finalAt) return verdict('pending', `the epoch is not final here until ${finalAt}`);
      const computed = result.amounts.get(claim.producerKey) ?? 0;
      if (computed === 0) return verdict('quarantined', 'nothing to claim: the recomputed reward of this producer is 0');
      if (claim.amount !== computed) return verdict('quarantined', `claims ${claim.amount} but the recomputed reward is ${computed}`);
      if (claim.resultHash !== result.resultHash) {
        return verdict('quarantined', `result hash ${claim.resultHash.slice(0, 12)}… differs from the one computed here (${result.resultHash.slice(0, 12)}…): the two peers hold different records for this epoch`);
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

  /** Claims arriving one by one (a sync batch) become one rewards.changed. */
  private announce(row: ClaimRow): void {
    if (!this.pending) {
      this.pending = { epochs: new Set(), accounts: new Set([POOL_ACCOUNT]) };
      queueMicrotask(() => {
        const { epochs, accounts } = this.pending!;
        this.pending = null;
        this.deps.emit({ epochs: [...epochs].sort((a, b) => a - b), accounts: [...accounts].sort() });
      });
    }
    this.pending.epochs.add(row.epoch);
    this.pending.accounts.add(producerAccount(row.producerKey));
  }
}
