import type { Price } from '../../src-shared/money';
import { callCost, feeOf } from '../../src-shared/money';
import { GENESIS_PREV } from '../../src-shared/ledger';
import { modelIdOf } from '../../src-shared/domain';
import type { Engine } from '../../src-main/engine/engine';
import { generateSigningKey, type SigningKey } from '../../src-main/engine/identity/keys';
import { POOL_ACCOUNT, producerAccount, TREASURY_ACCOUNT, userAccount } from '../../src-main/engine/ledger/entry-rules';
import { draftOf, signRecord, type SignedRecord } from '../../src-main/engine/records/signed';
import { seededRandom } from '../../src-main/engine/seed/producer-kit';
import type { Incoming } from '../../src-main/engine/sync/ingest-queue';

export const DAY = 86_400_000;
export const EPOCH_SECONDS = 7 * 86_400;
export const GRACE_SECONDS = 86_400;
export const LEN = EPOCH_SECONDS * 1000;
/** An epoch in early 2025 (7-day epochs aligned to the Unix epoch). */
export const E = 2_904;
export const START = E * LEN;
export const CLOSE = START + LEN;
export const FINAL = CLOSE + GRACE_SECONDS * 1000;

export const PRICE: Price = { inputPer1M: 2_000_000, outputPer1M: 4_000_000, perRequest: 1_000 };

interface Chain {
  seq: number;
  prev: string;
  ts: number;
}

export interface Call {
  charge: string;
  decisionId: string;
}

/**
 * A marketplace's signed records built by hand (treasury, producers, users, calls, observations,
 * feedback, reviews), so a test controls every input of an epoch. Users sign their ledger entries
 * and observations with their identity key (an identity is its own first device).
 */
export class Scenario {
  readonly treasury = generateSigningKey();
  readonly out: Array<{ doc: string; record: SignedRecord }> = [];
  private readonly chains = new Map<string, Chain>();
  private readonly seqs = new Map<string, number>();
  private readonly prices = new Map<string, Price>();
  private decisions = 0;

  constructor(
    readonly feeBps = 500,
    readonly t0 = START - 30 * DAY,
  ) {
    const body = { name: 'Rewards test market', feeBps, epochSeconds: EPOCH_SECONDS, graceSeconds: GRACE_SECONDS };
    this.push('marketplace', signRecord(this.treasury, draftOf('marketplace-config', this.treasury.publicKey, 1, body, t0)));
  }

  private push(doc: string, record: SignedRecord): SignedRecord {
    this.out.push({ doc, record });
    return record;
  }

  private nextSeq(author: string, subject: string): number {
    const key = `${author}|${subject}`;
    const seq = (this.seqs.get(key) ?? 0) + 1;
    this.seqs.set(key, seq);
    return seq;
  }

  /** A producer (default: a fresh key) with one model per slug, all listing `task`. */
  producer(slugs: string[], task = 'support', key: SigningKey = generateSigningKey(), price: Price = PRICE): { key: SigningKey; models: string[] } {
    const models = slugs.map((slug) => {
      const modelId = modelIdOf(key.publicKey, slug);
      const listing = {
        slug, name: `Model ${slug}`, description: '', tasks: [task], industries: [], modality: 'text', contextWindow: 8_192,
        endpoint: { baseUrl: 'http://127.0.0.1:5318/v1', model: slug }, version: '1.0.0',
        claimed: { accuracyBps: { [task]: 8_000 }, latencyP50Ms: 400, latencyP95Ms: 900, successRateBps: 9_900, throughputTps: 50 }, retired: false,
      };
      this.push(`catalog/${key.publicKey}`, signRecord(key, draftOf('listing', modelId, 1, listing, this.t0)));
      this.push(`catalog/${key.publicKey}`, signRecord(key, draftOf('price', modelId, 1, { modelId, price, effectiveFrom: this.t0 }, this.t0)));
      this.prices.set(modelId, price);
      return modelId;
    });
    return { key, models };
  }

  private entry(key: SigningKey, identity: string, ts: number, body: Record<string, unknown>): SignedRecord {
    const chain = this.chains.get(key.publicKey) ?? { seq: 0, prev: GENESIS_PREV, ts: 0 };
    if (ts < chain.ts) throw new Error('a chain goes forward in time');
    const record = signRecord(key, draftOf('ledger-entry', `ledger:${key.publicKey}`, chain.seq + 1, { ...body, identity, prev: chain.prev }, ts));
    this.chains.set(key.publicKey, { seq: chain.seq + 1, prev: record.hash, ts });
    return this.push(`ledger/${identity}`, record);
  }

  /** A fresh identity with credits from the treasury (at t0 unless `at`). */
  user(credits = 100_000_000, at = this.t0, key: SigningKey = generateSigningKey()): SigningKey {
    const n = this.chains.get(this.treasury.publicKey)?.seq ?? 0;
    this.entry(this.treasury, this.treasury.publicKey, Math.max(at, this.chains.get(this.treasury.publicKey)?.ts ?? 0), {
      id: `deposit-${n + 1}`, kind: 'deposit', postings: [{ account: TREASURY_ACCOUNT, amount: -credits }, { account: userAccount(key.publicKey), amount: credits }],
    });
    return key;
  }

  /** One paid call: the charge and (unless observe is false) the caller's successful observation. */
  call(user: SigningKey, modelId: string, ts: number, opts: { latencyMs?: number; inputTokens?: number; outputTokens?: number; observe?: boolean; task?: string } = {}): Call {
    const price = this.prices.get(modelId)!;
    const inputTokens = opts.inputTokens ?? 1_000;
    const outputTokens = opts.outputTokens ?? 500;
    const cost = callCost(price, inputTokens, outputTokens);
    const fee = feeOf(cost, this.feeBps);
    const decisionId = `d-${++this.decisions}`;
    const producer = modelId.split(':')[0]!;
    const memo = { modelId, decisionId, inputTokens, outputTokens, usageEstimated: false, latencyMs: opts.latencyMs ?? 500, cost, fee };
    const postings = [{ account: userAccount(user.publicKey), amount: -cost }, { account: producerAccount(producer), amount: cost - fee }, { account: POOL_ACCOUNT, amount: fee }];
    const charge = this.entry(user, user.publicKey, ts, { id: `call-${decisionId}`, kind: 'charge', postings, memo });
    if (opts.observe !== false) this.observe(user, modelId, ts, { ok: true, latencyMs: opts.latencyMs ?? 500, decisionId, task: opts.task });
    return { charge: charge.hash, decisionId };
  }

  observe(user: SigningKey, modelId: string, ts: number, o: { ok: boolean; latencyMs: number; decisionId?: string; task?: string }): SignedRecord {
    const body = {
      modelId, task: o.task ?? 'support', decisionId: o.decisionId ?? `obs-${++this.decisions}`, identity: user.publicKey, ok: o.ok,
      ...(o.ok ? {} : { failure: 'timeout' as const }), latencyMs: o.latencyMs, inputTokens: 1_000, outputTokens: o.ok ? 500 : 0, usageEstimated: false,
    };
    const subject = `observations:${user.publicKey}`;
    return this.push(`observations/${user.publicKey}`, signRecord(user, draftOf('observation', subject, this.nextSeq(user.publicKey, subject), body, ts)));
  }

  feedback(user: SigningKey, modelId: string, decisionId: string, up: boolean, ts: number): SignedRecord {
    const subject = `feedback:${user.publicKey}`;
    return this.push(`observations/${user.publicKey}`, signRecord(user, draftOf('feedback', subject, this.nextSeq(user.publicKey, subject), { modelId, task: 'support', decisionId, up }, ts)));
  }

  review(user: SigningKey, modelId: string, rating: number, chargeHash: string | null, ts: number): SignedRecord {
    const subject = `review:${modelId}`;
    const body = { modelId, rating, text: 'review', ...(chargeHash ? { chargeHash } : {}), retracted: false };
    return this.push(`reviews/${modelId}`, signRecord(user, draftOf('review', subject, this.nextSeq(user.publicKey, subject), body, ts)));
  }

  evaluation(user: SigningKey, modelId: string, accuracyBps: number, chargeHashes: string[], ts: number): SignedRecord {
    const subject = `eval:${modelId}:support`;
    const body = { modelId, task: 'support', suite: 'support-basics', cases: 10, passed: Math.floor(accuracyBps / 1000), accuracyBps, chargeHashes, latencyP50Ms: 500 };
    return this.push(`reviews/${modelId}`, signRecord(user, draftOf('metric-report', subject, this.nextSeq(user.publicKey, subject), body, ts)));
  }

  /** The records added since `from` (an index into out), for publishing in steps. */
  since(from: number): Array<{ doc: string; record: SignedRecord }> {
    return this.out.slice(from);
  }

  /** The records as a peer would hand them over (bytes under their hash), optionally reordered. */
  incoming(order: (items: Incoming[]) => Incoming[] = (x) => x, from = 0): Incoming[] {
    return order(this.since(from).map(({ doc, record }) => ({ doc, key: record.hash, bytes: record.bytes })));
  }
}

/** Publishes records into an engine as if it had written them (so copyRecords can hand them on). */
export async function publishAll(engine: Engine, items: ReadonlyArray<{ doc: string; record: SignedRecord }>): Promise<void> {
  const byDoc = new Map<string, SignedRecord[]>();
  for (const { doc, record } of items) byDoc.set(doc, [...(byDoc.get(doc) ?? []), record]);
  for (const [doc, records] of byDoc) await engine.publish(doc, records);
}

/** A clock a test moves by hand. */
export function manualClock(at: number): { now: () => number; set(ts: number): void } {
  let t = at;
  return { now: () => t, set: (ts) => (t = ts) };
}

/** A seeded shuffle, so a failing permutation replays. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
