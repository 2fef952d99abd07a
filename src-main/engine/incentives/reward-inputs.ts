import { producerOf, type ObservationBody } from '../../../src-shared/domain';
import type { LedgerEntryBody } from '../../../src-shared/ledger';
import type { FeedbackBody, MetricReportBody, ReviewBody } from '../../../src-shared/reviews';
import type { EpochCloseBody, RewardClaimBody } from '../../../src-shared/rewards';
import type { RecordApplier } from '../records/record-book';
import type { SignedRecord } from '../records/signed';
import { EpochCloses } from './epoch-close';
import { epochOf } from './params';

export interface ChargeRow {
  hash: string;
  identity: string;
  modelId: string;
  producerKey: string;
  decisionId: string | null;
  fee: number;
  ts: number;
}

export interface ObservationRow {
  hash: string;
  device: string;
  identity: string;
  modelId: string;
  task: string;
  ok: boolean;
  latencyMs: number;
  ts: number;
}

export interface FeedbackRow {
  hash: string;
  author: string;
  modelId: string;
  decisionId: string;
  up: boolean;
  ts: number;
}

export interface ReviewRow {
  hash: string;
  reviewer: string;
  modelId: string;
  rating: number;
  chargeHash: string | null;
  retracted: boolean;
  seq: number;
  ts: number;
}

export interface EvalRow {
  hash: string;
  evaluator: string;
  modelId: string;
  accuracyBps: number;
  chargeHashes: string[];
  seq: number;
  ts: number;
}

export interface ClaimRow {
  hash: string;
  producerKey: string;
  epoch: number;
  amount: number;
  resultHash: string;
  seq: number;
  ts: number;
}

/** One epoch's rows of the kinds that are bucketed by time (reviews are looked up per rater instead). */
export interface Bucket {
  charges: ChargeRow[];
  observations: ObservationRow[];
  feedback: FeedbackRow[];
  evals: EvalRow[];
}

type Tagged = { [K in keyof Bucket]: [K, Bucket[K][number]] }[keyof Bucket];

/**
 * The raw signed rows the incentive epochs are computed from (every kind, every version, never just
 * the latest: an epoch needs what held at its close), and the treasury's epoch-closes that fix which
 * of them an epoch reads. Nothing local (no receipt time) enters: peers holding the same records
 * hold the same rows.
 *
 * `dirtySince` tells the epoch cache what to recompute: an epoch that closed at or before it saw
 * nothing new; -Infinity when something may change any epoch (a certificate, a fee config, a ledger
 * record filling a gap or contradicting its chain).
 */
export class RewardInputs implements RecordApplier {
  readonly charges = new Map<string, ChargeRow>();
  readonly observations: ObservationRow[] = [];
  readonly feedback: FeedbackRow[] = [];
  readonly evals: EvalRow[] = [];
  /** `${modelId}|${reviewer}` → every version, in arrival order. */
  readonly reviews = new Map<string, ReviewRow[]>();
  readonly claims: ClaimRow[] = [];
  readonly closes = new EpochCloses();
  /** decision id → the charges naming it (feedback names its call by decision id). */
  readonly decisions = new Map<string, ChargeRow[]>();
  dirtySince = -Infinity;
  private bucketing: { lenMs: number; byEpoch: Map<number, Bucket>; pending: Tagged[] } | null = null;
  private readonly certs = new Map<string, Set<string>>();
  private readonly chainHeads = new Map<string, number>();
  private readonly claimListeners: Array<(row: ClaimRow) => void> = [];
  /** Every input row's hash: an epoch-close lists hashes, and a peer must hold each to compute it. */
  private readonly held = new Set<string>();

  onClaim(listener: (row: ClaimRow) => void): void {
    this.claimListeners.push(listener);
  }

  apply(record: SignedRecord): void {
    // The RecordBook checked every body against its kind's schema before this runs: casts, no re-parse
    // (this sees every record of a large ledger at start-up).
    const { payload, hash } = record;
    const { author, ts, seq } = payload;
    switch (payload.kind) {
      case 'ledger-entry': {
        const body = payload.body as LedgerEntryBody;
        // Appending at a chain's head only adds from its time on; anything else may re-cut the chain.
        const head = this.chainHeads.get(author) ?? 0;
        this.chainHeads.set(author, Math.max(head, seq));
        this.touch(seq > head ? ts : -Infinity);
        if (body.kind !== 'charge' || !body.memo) return;
        const { memo } = body;
        const row: ChargeRow = { hash, identity: body.identity, modelId: memo.modelId, producerKey: producerOf(memo.modelId), decisionId: memo.decisionId ?? null, fee: memo.fee, ts };
        this.charges.set(hash, row);
        if (row.decisionId !== null) this.decisions.set(row.decisionId, [...(this.decisions.get(row.decisionId) ?? []), row]);
        return this.bucket(['charges', row]);
      }
      case 'observation': {
        const body = payload.body as ObservationBody;
        const row: ObservationRow = { hash, device: author, identity: body.identity, modelId: body.modelId, task: body.task, ok: body.ok, latencyMs: body.latencyMs, ts };
        this.observations.push(row);
        return this.bucket(['observations', row]);
      }
      case 'feedback': {
        const body = payload.body as FeedbackBody;
        const row: FeedbackRow = { hash, author, modelId: body.modelId, decisionId: body.decisionId, up: body.up, ts };
        this.feedback.push(row);
        return this.bucket(['feedback', row]);
      }
      case 'review': {
        const body = payload.body as ReviewBody;
        const key = `${body.modelId}|${author}`;
        const versions = this.reviews.get(key) ?? [];
        versions.push({ hash, reviewer: author, modelId: body.modelId, rating: body.rating, chargeHash: body.chargeHash ?? null, retracted: body.retracted, seq, ts });
        this.reviews.set(key, versions);
        this.held.add(hash);
        return this.touch(ts);
      }
      case 'metric-report': {
        const body = payload.body as MetricReportBody;
        const row: EvalRow = { hash, evaluator: author, modelId: body.modelId, accuracyBps: body.accuracyBps, chargeHashes: body.chargeHashes, seq, ts };
        this.evals.push(row);
        return this.bucket(['evals', row]);
      }
      case 'device-cert': {
        const device = (payload.body as { deviceKey: string }).deviceKey;
        let devices = this.certs.get(author);
        if (!devices) this.certs.set(author, (devices = new Set()));
        devices.add(device);
        return this.touch(-Infinity);
      }
      case 'marketplace-config':
        return this.touch(-Infinity);
      case 'epoch-close':
        this.closes.add(hash, author, payload.body as EpochCloseBody);
        return this.touch(-Infinity);
      case 'reward-claim': {
        const body = payload.body as RewardClaimBody;
        const row: ClaimRow = { hash, producerKey: author, epoch: body.epoch, amount: body.amount, resultHash: body.resultHash, seq, ts };
        this.claims.push(row);
        for (const listener of this.claimListeners) listener(row);
        return;
      }
      default:
        return;
    }
  }

  /**
   * The rows by epoch for an epoch length, kept current as rows arrive (one pass over everything
   * only when the length is first asked for or changes), so recomputing the current epoch after a
   * call costs that epoch's rows, not the whole history's.
   */
  buckets(lenMs: number): ReadonlyMap<number, Bucket> {
    if (!this.bucketing || this.bucketing.lenMs !== lenMs) {
      const pending: Tagged[] = [...[...this.charges.values()].map((r): Tagged => ['charges', r]), ...this.observations.map((r): Tagged => ['observations', r]), ...this.feedback.map((r): Tagged => ['feedback', r]), ...this.evals.map((r): Tagged => ['evals', r])];
      this.bucketing = { lenMs, byEpoch: new Map(), pending };
    }
    const { byEpoch, pending } = this.bucketing;
    for (const tagged of pending) {
      const epoch = epochOf(tagged[1].ts, lenMs);
      let bucket = byEpoch.get(epoch);
      if (!bucket) byEpoch.set(epoch, (bucket = { charges: [], observations: [], feedback: [], evals: [] }));
      (bucket[tagged[0]] as Array<Bucket[keyof Bucket][number]>).push(tagged[1]);
    }
    this.bucketing.pending = [];
    return byEpoch;
  }

  /** Observations are signed by devices; one counts for an identity only under its certificate. */
  isCertified(identity: string, device: string): boolean {
    return identity === device || (this.certs.get(identity)?.has(device) ?? false);
  }

  /** Whether a row with this hash (charge, observation, feedback, review or evaluation) is held. */
  has(hash: string): boolean {
    return this.held.has(hash);
  }

  private bucket(tagged: Tagged): void {
    this.held.add(tagged[1].hash);
    this.bucketing?.pending.push(tagged);
    this.touch(tagged[1].ts);
  }

  private touch(ts: number): void {
    this.dirtySince = Math.min(this.dirtySince, ts);
  }

  /** The epoch cache is current: nothing arrived since. */
  markClean(): void {
    this.dirtySince = Infinity;
  }
}
