import { RECORD_BODIES } from '../../../src-shared/domain';
import type { FeedbackBody, MetricReportBody, ReplyBody, ReviewBody } from '../../../src-shared/reviews';
import type { PartyLinks } from '../identity/party-links';
import type { RecordApplier } from '../records/record-book';
import type { SignedRecord } from '../records/signed';
import type { Receipts } from './receipts';

export interface StoredReview {
  hash: string;
  reviewer: string;
  body: ReviewBody;
  seq: number;
  ts: number;
  receivedAt: number;
  edited: boolean;
}

export interface StoredReply {
  hash: string;
  body: ReplyBody;
  seq: number;
  ts: number;
}

export interface StoredReport {
  hash: string;
  evaluator: string;
  seq: number;
  body: MetricReportBody;
  ts: number;
}

/**
 * Reviews, producer replies, quick feedback and evaluation reports as the signed records say: the
 * highest seq per (reviewer, model) wins (an older one is a replay and never goes back), every
 * author's first sighting is remembered for the burst rule.
 */
export class ReviewState implements RecordApplier {
  private readonly reviews = new Map<string, StoredReview>();
  private readonly byModel = new Map<string, Set<string>>();
  private readonly replies = new Map<string, StoredReply>();
  private readonly feedbackByModel = new Map<string, { up: number; down: number }>();
  private readonly feedbackSeq = new Map<string, number>();
  /** modelId → `<task>|<evaluator>` → that evaluator's current report for the task */
  private readonly reports = new Map<string, Map<string, StoredReport>>();
  /** author → models it reviewed or reported on (a new device link may make those the producer's own) */
  private readonly touchedBy = new Map<string, Set<string>>();
  private readonly feedbackListeners: Array<(body: FeedbackBody) => void> = [];

  constructor(
    private readonly receipts: Receipts,
    private readonly clock: () => number,
    parties?: PartyLinks,
  ) {
    parties?.onLink((device, identity) => [...this.modelsTouchedBy(device), ...this.modelsTouchedBy(identity)]);
  }

  modelsTouchedBy(author: string): string[] {
    return [...(this.touchedBy.get(author) ?? [])];
  }

  private touch(author: string, modelId: string): void {
    let models = this.touchedBy.get(author);
    if (!models) this.touchedBy.set(author, (models = new Set()));
    models.add(modelId);
  }

  onFeedback(listener: (body: FeedbackBody) => void): void {
    this.feedbackListeners.push(listener);
  }

  /** This engine signed the record and applies it right after its answer (Publisher): its author's first sighting is written first. */
  noteReceived(record: SignedRecord): void {
    this.noteAuthor(record.payload.author, this.clock());
  }

  /** Seeded history only (the demo): a review counts as first seen when it was written, so no burst hold applies. */
  seedReceipt(modelId: string, reviewer: string, at: number): void {
    this.receipts.note(`review:${modelId}|${reviewer}`, at);
  }

  private noteAuthor(author: string, now: number): void {
    this.receipts.note(`author:${author}`, Math.min(now, this.receipts.get(`author:${author}`) ?? now));
  }

  apply(record: SignedRecord): string[] {
    const { payload, hash } = record;
    const now = this.clock();
    this.noteAuthor(payload.author, now);
    switch (payload.kind) {
      case 'review': {
        const body = RECORD_BODIES.review.parse(payload.body);
        const key = `${body.modelId}|${payload.author}`;
        const current = this.reviews.get(key);
        if (current && current.seq >= payload.seq) return [];
        const receivedAt = this.receipts.note(`review:${key}`, now);
        this.reviews.set(key, { hash, reviewer: payload.author, body, seq: payload.seq, ts: payload.ts, receivedAt, edited: current !== undefined });
        let set = this.byModel.get(body.modelId);
        if (!set) this.byModel.set(body.modelId, (set = new Set()));
        set.add(key);
        this.touch(payload.author, body.modelId);
        return [body.modelId];
      }
      case 'review-reply': {
        const body = RECORD_BODIES['review-reply'].parse(payload.body);
        const key = `${body.modelId}|${body.reviewer}`;
        const current = this.replies.get(key);
        if (current && current.seq >= payload.seq) return [];
        this.replies.set(key, { hash, body, seq: payload.seq, ts: payload.ts });
        return [];
      }
      case 'feedback': {
        const body = RECORD_BODIES.feedback.parse(payload.body);
        this.feedbackSeq.set(payload.author, Math.max(this.feedbackSeq.get(payload.author) ?? 0, payload.seq));
        const counts = this.feedbackByModel.get(body.modelId) ?? { up: 0, down: 0 };
        if (body.up) counts.up++;
        else counts.down++;
        this.feedbackByModel.set(body.modelId, counts);
        for (const listener of this.feedbackListeners) listener(body);
        return [body.modelId];
      }
      case 'metric-report': {
        const body = RECORD_BODIES['metric-report'].parse(payload.body);
        const key = `${body.task}|${payload.author}`;
        const ofModel = this.reports.get(body.modelId) ?? new Map<string, StoredReport>();
        const current = ofModel.get(key);
        if (current && current.seq >= payload.seq) return [];
        ofModel.set(key, { hash, evaluator: payload.author, seq: payload.seq, body, ts: payload.ts });
        this.reports.set(body.modelId, ofModel);
        this.touch(payload.author, body.modelId);
        return [body.modelId];
      }
      default:
        return [];
    }
  }

  reviewsOf(modelId: string): StoredReview[] {
    return [...(this.byModel.get(modelId) ?? [])].map((k) => this.reviews.get(k)!);
  }

  review(modelId: string, reviewer: string): StoredReview | undefined {
    return this.reviews.get(`${modelId}|${reviewer}`);
  }

  reviewsBy(reviewer: string): StoredReview[] {
    return [...this.reviews.values()].filter((r) => r.reviewer === reviewer);
  }

  reply(modelId: string, reviewer: string): StoredReply | undefined {
    return this.replies.get(`${modelId}|${reviewer}`);
  }

  feedback(modelId: string): { up: number; down: number } {
    return { ...(this.feedbackByModel.get(modelId) ?? { up: 0, down: 0 }) };
  }

  nextFeedbackSeq(author: string): number {
    return (this.feedbackSeq.get(author) ?? 0) + 1;
  }

  /** Each evaluator's current report per task, newest first. */
  reportsOf(modelId: string): StoredReport[] {
    return [...(this.reports.get(modelId)?.values() ?? [])].sort((a, b) => b.ts - a.ts);
  }

  nextReportSeq(modelId: string, task: string, evaluator: string): number {
    return (this.reports.get(modelId)?.get(`${task}|${evaluator}`)?.seq ?? 0) + 1;
  }

  authorFirstSeen(author: string): number {
    return this.receipts.get(`author:${author}`) ?? this.clock();
  }
}
