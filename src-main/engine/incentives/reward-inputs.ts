import { producerOf, type ObservationBody } from '../../../src-shared/domain';
import type { LedgerEntryBody } from '../../../src-shared/ledger';
import type { FeedbackBody, MetricReportBody, ReviewBody } from '../../../src-shared/reviews';
import type { RewardClaimBody } from '../../../src-shared/rewards';
import type { RecordApplier } from '../records/record-book';
import type { SignedRecord } from '../records/signed';
import type { Receipts } from '../reviews/receipts';
import { epochOf } from './params';

export interface ChargeRow {
  hash: string;
  identity: string;
  modelId: string;
  producerKey: string;
  decisionId: string | null;
  fee: number;
  ts: number;
  /** When this engine received it (see RewardInputs). */
  rx: number;
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
  /** When this engine received it (see RewardInputs). */
  rx: number;
}

export interface FeedbackRow {
  hash: string;
  author: string;
  modelId: string;
  decisionId: string;
  up: boolean;
  ts: number;
  /** When this engine received it (see RewardInputs). */
  rx: number;
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
  /** When this engine received it (see RewardInputs). */
  rx: number;
}

export interface EvalRow {
  hash: string;
  evaluator: string;
  modelId: string;
  accuracyBps: number;
  chargeHashes: string[];
  seq: number;
  ts: number;
  /** When this engine received it (see RewardInputs). */
  rx: number;
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

/** Receipt-time keys: `rx:` is when this engine first received the record; `rxs:` a seeded history time. */
const RECEIVED = 'rx:';
const SEEDED = 'rxs:';

/**
 * The raw signed rows the incentive epochs are computed from (every kind, every version, never just
 * the latest: an epoch needs what held at its close), with when each arrived here. Local receipt
 * times are the only ones a backdated signature cannot fake; they persist in the engine's Receipts.
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
  /** decision id → the charges naming it (feedback names its call by decision id). */
  readonly decisions = new Map<string, ChargeRow[]>();
  dirtySince = -Infinity;
  private bucketing: { lenMs: number; byEpoch: Map<number, Bucket>; pending: Tagged[] } | null = null;
  private readonly certs = new Map<string, Set<string>>();
  private readonly chainHeads = new Map<string, number>();
  private readonly claimListeners: Array<(row: ClaimRow) => void> = [];

  constructor(
    private readonly receipts: Receipts,
    private readonly clock: () => number,
    /** Keys this engine signs with: it received their records when it signed them, at their own time. */
    private readonly isOwn: (author: string) => boolean = () => false,
  ) {}

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
        const row: ChargeRow = { hash, identity: body.identity, modelId: memo.modelId, producerKey: producerOf(memo.modelId), decisionId: memo.decisionId ?? null, fee: memo.fee, ts, rx: this.received(hash, author, ts) };
        this.charges.set(hash, row);
        if (row.decisionId !== null) this.decisions.set(row.decisionId, [...(this.decisions.get(row.decisionId) ?? []), row]);
        return this.bucket(['charges', row]);
      }
      case 'observation': {
        const body = payload.body as ObservationBody;
        const row: ObservationRow = { hash, device: author, identity: body.identity, modelId: body.modelId, task: body.task, ok: body.ok, latencyMs: body.latencyMs, ts, rx: this.received(hash, author, ts) };
        this.observations.push(row);
        return this.bucket(['observations', row]);
      }
      case 'feedback': {
        const body = payload.body as FeedbackBody;
        const row: FeedbackRow = { hash, author, modelId: body.modelId, decisionId: body.decisionId, up: body.up, ts, rx: this.received(hash, author, ts) };
        this.feedback.push(row);
        return this.bucket(['feedback', row]);
      }
      case 'review': {
        const body = payload.body as ReviewBody;
        const key = `${body.modelId}|${author}`;
        const versions = this.reviews.get(key) ?? [];
        versions.push({ hash, reviewer: author, modelId: body.modelId, rating: body.rating, chargeHash: body.chargeHash ?? null, retracted: body.retracted, seq, ts, rx: this.received(hash, author, ts) });
        this.reviews.set(key, versions);
        return this.touch(ts);
      }
      case 'metric-report': {
        const body = payload.body as MetricReportBody;
        const row: EvalRow = { hash, evaluator: author, modelId: body.modelId, accuracyBps: body.accuracyBps, chargeHashes: body.chargeHashes, seq, ts, rx: this.received(hash, author, ts) };
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

  /**
   * Seeded history only (the demo): every record held so far counts as received when it was timed,
   * as if this engine had watched the seeded month happen. Never used for records from peers.
   */
  backdateHistory(): void {
    const rows: Array<{ hash: string; ts: number; rx: number }> = [...this.charges.values(), ...this.observations, ...this.feedback, ...this.evals, ...[...this.reviews.values()].flat()];
    for (const row of rows) {
      if (row.rx <= row.ts) continue;
      this.receipts.note(SEEDED + row.hash, row.ts);
      row.rx = row.ts;
    }
    this.touch(-Infinity);
  }

  /** Seeded history only: another domain's receipt (e.g. when a review was first seen) at its time. */
  seedReceipt(key: string, at: number): void {
    this.receipts.note(key, at);
  }

  /** Observations are signed by devices; one counts for an identity only under its certificate. */
  isCertified(identity: string, device: string): boolean {
    return identity === device || (this.certs.get(identity)?.has(device) ?? false);
  }

  flush(): Promise<void> {
    return this.receipts.flush();
  }

  /** Called before the answer for a record about to be applied (Publisher); a record signed here needs no line (see received). */
  noteReceived(hash: string, author: string, ts: number): void {
    this.received(hash, author, ts);
  }

  /**
   * The earlier of this engine's first sighting (persisted) and a seeded history time; read once,
   * kept on the row. A record signed here was received when it was signed: its own time, which this
   * engine set, so nothing is written for it (a routed call's records would add two lines a call).
   */
  private received(hash: string, author: string, ts: number): number {
    const seeded = this.receipts.get(SEEDED + hash) ?? Infinity;
    if (this.isOwn(author)) return Math.min(ts, seeded);
    return Math.min(this.receipts.note(RECEIVED + hash, this.clock()), seeded);
  }

  private bucket(tagged: Tagged): void {
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
