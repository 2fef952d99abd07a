import { canonicalJson } from '../../../src-shared/canonical-json';
import { producerOf, type RecordPayload } from '../../../src-shared/domain';
import { GENESIS_PREV, type LedgerCheckpointBody, type LedgerEntryBody, type LedgerProblem } from '../../../src-shared/ledger';
import { feeOf } from '../../../src-shared/money';

/**
 * The ledger's rules, as pure functions of the records: the engine (authority checks, LedgerState)
 * and the standalone export verifier call these same functions, so they can never disagree.
 * Depends on the shared schemas only.
 */

/** Fee rate when a marketplace has signed no config (DESIGN.md: 5 %). */
export const DEFAULT_FEE_BPS = 500;
export const TREASURY_ACCOUNT = 'treasury';
export const POOL_ACCOUNT = 'pool:rewards';

export const userAccount = (key: string): string => `user:${key}`;
export const producerAccount = (key: string): string => `producer:${key}`;
export const ledgerSubject = (author: string): string => `ledger:${author}`;
export const checkpointSubject = (author: string): string => `checkpoint:${author}`;

export type ProblemKind = LedgerProblem['kind'];
export interface RuleBreak {
  kind: ProblemKind;
  reason: string;
}

const broken = (kind: ProblemKind, reason: string): RuleBreak => ({ kind, reason });

/** Exact sum of up to eight safe integers: BigInt only when a Number sum could round (|x| > 2^49). */
function sumOf(postings: LedgerEntryBody['postings']): bigint {
  let small = true;
  let total = 0;
  for (const p of postings) {
    if (Math.abs(p.amount) > 2 ** 49) small = false;
    total += p.amount;
  }
  if (small) return BigInt(total);
  return postings.reduce((t, p) => t + BigInt(p.amount), 0n);
}

/**
 * Rules that need nothing but the record: subject, double entry, and the shape of each kind.
 * `body` must already match LedgerEntryBodySchema.
 */
export function entryShapeViolation(payload: Pick<RecordPayload, 'author' | 'subject'>, body: LedgerEntryBody): RuleBreak | null {
  if (payload.subject !== ledgerSubject(payload.author)) return broken('authority', `a ledger entry's subject must be ledger:<author>, not ${payload.subject}`);
  const { postings } = body;
  // Plain loops: this runs once per entry in every verification, where closures and Sets show up.
  for (let i = 0; i < postings.length; i++) {
    for (let j = i + 1; j < postings.length; j++) {
      if (postings[i]!.account === postings[j]!.account) return broken('balance', 'an account appears twice in one entry');
    }
  }
  const sum = sumOf(postings);
  if (sum !== 0n) return broken('balance', `postings sum to ${sum}, not 0 (every entry must balance)`);
  const amountOf = (account: string) => {
    for (const p of postings) if (p.account === account) return p.amount;
    return undefined;
  };
  switch (body.kind) {
    case 'deposit': {
      if (body.identity !== payload.author) return broken('authority', 'a deposit is signed by the treasury for itself (identity = author)');
      if (body.memo) return broken('format', 'a deposit carries no charge memo');
      const user = body.postings.find((p) => p.account.startsWith('user:'));
      const out = amountOf(TREASURY_ACCOUNT);
      if (body.postings.length !== 2 || !user || out === undefined || out >= 0) return broken('balance', 'a deposit moves a positive amount from treasury to one user account');
      return null;
    }
    case 'charge': {
      const memo = body.memo;
      if (!memo) return broken('format', 'a charge needs its memo (model, tokens, cost, fee)');
      if (memo.fee > memo.cost) return broken('balance', `fee ${memo.fee} exceeds cost ${memo.cost}`);
      const expected = new Map([
        [userAccount(body.identity), 0 - memo.cost],
        [producerAccount(producerOf(memo.modelId)), memo.cost - memo.fee],
        [POOL_ACCOUNT, memo.fee],
      ]);
      const matches = body.postings.length === 3 && [...expected].every(([account, amount]) => amountOf(account) === amount);
      if (!matches) return broken('balance', "a charge moves cost from the payer's user account: cost − fee to the model's producer, fee to pool:rewards");
      return null;
    }
    case 'refund': {
      if (body.memo && producerOf(body.memo.modelId) !== body.identity) return broken('authority', "a refund is paid by the refunded model's producer");
      const out = amountOf(producerAccount(body.identity));
      const user = body.postings.find((p) => p.account.startsWith('user:'));
      if (body.postings.length !== 2 || out === undefined || out >= 0 || !user) return broken('balance', "a refund moves a positive amount from the signer's producer account to one user account");
      return null;
    }
  }
}

export function checkpointShapeViolation(payload: Pick<RecordPayload, 'author' | 'subject'>, body: LedgerCheckpointBody): RuleBreak | null {
  if (payload.subject !== checkpointSubject(payload.author)) return broken('authority', `a checkpoint's subject must be checkpoint:<author>, not ${payload.subject}`);
  if (body.chain !== payload.author) return broken('authority', 'a checkpoint covers its own signer\'s chain only');
  return null;
}

/** One signed marketplace config, as far as money is concerned. */
export interface FeeConfig {
  seq: number;
  ts: number;
  feeBps: number;
}

/**
 * The fee rate in force at `ts`: the highest-seq config signed at or before it; entries older than
 * every config (a history imported with the marketplace) use the first one.
 */
export function feeBpsAt(configs: readonly FeeConfig[], ts: number): number {
  let chosen: FeeConfig | undefined;
  for (const c of configs) {
    if (c.ts <= ts && (!chosen || c.seq > chosen.seq)) chosen = c;
  }
  if (!chosen) chosen = [...configs].sort((a, b) => a.seq - b.seq)[0];
  return chosen?.feeBps ?? DEFAULT_FEE_BPS;
}

/** What an entry's place in its chain must satisfy, given what came before it. */
export interface ChainContext {
  /** The previous entry of the same chain, or null at seq 1. */
  previous: { hash: string; ts: number } | null;
  idTaken: boolean;
  treasury: string | null;
  isCertified(identity: string, device: string): boolean;
  feeBps(ts: number): number;
}

export function entryContextViolation(payload: Pick<RecordPayload, 'author' | 'seq' | 'ts'>, body: LedgerEntryBody, ctx: ChainContext): RuleBreak | null {
  const expectedPrev = ctx.previous?.hash ?? GENESIS_PREV;
  if (body.prev !== expectedPrev) {
    return broken('chain', `prev is ${body.prev.slice(0, 16)}…, but entry ${payload.seq - 1} of this chain hashes to ${expectedPrev.slice(0, 16)}…`);
  }
  if (ctx.previous && payload.ts < ctx.previous.ts) return broken('chain', `timestamp ${payload.ts} goes back before the previous entry's ${ctx.previous.ts}`);
  if (ctx.idTaken) return broken('conflict', `entry id ${body.id} is already used earlier in this chain`);
  return entryAuthorityViolation(payload, body, ctx);
}

/**
 * What every counted entry must satisfy wherever it sits, in a chain or on a branch of a forked
 * one: signed by the treasury (deposits) or by the identity or a device it certified, at the fee in force.
 */
export function entryAuthorityViolation(payload: Pick<RecordPayload, 'author' | 'ts'>, body: LedgerEntryBody, ctx: Omit<ChainContext, 'previous' | 'idTaken'>): RuleBreak | null {
  if (body.kind === 'deposit') {
    if (ctx.treasury === null) return broken('authority', 'a deposit needs a known marketplace treasury');
    if (payload.author !== ctx.treasury) return broken('authority', `deposit signed by ${payload.author}, not by the marketplace treasury ${ctx.treasury}`);
  } else if (payload.author !== body.identity && !ctx.isCertified(body.identity, payload.author)) {
    return broken('authority', `device ${payload.author} is not certified by identity ${body.identity}`);
  }
  if (body.kind === 'charge' && body.memo) {
    const bps = ctx.feeBps(payload.ts);
    const fee = feeOf(body.memo.cost, bps);
    if (fee !== body.memo.fee) return broken('balance', `fee ${body.memo.fee} on cost ${body.memo.cost}, but the marketplace rate of ${bps} bps makes it ${fee}`);
  }
  return null;
}

/** What a retry must repeat for its id to mean "the same entry" (prev, seq and time may differ). */
export function intentOf(body: LedgerEntryBody): string {
  return canonicalJson({ kind: body.kind, identity: body.identity, postings: [...body.postings].sort((a, b) => (a.account < b.account ? -1 : 1)), memo: body.memo, note: body.note });
}

/**
 * On a forked chain every signed entry counts once per payment: the same id with the same intent
 * (one payment signed on two branches) is one key; two different intents under one id are two.
 */
export function paymentKey(body: LedgerEntryBody): string {
  return `${body.id}\n${intentOf(body)}`;
}

/** The ledger's one order: by time; at one instant credits before charges; then chain and seq. */
export interface Ordered {
  ts: number;
  kind: LedgerEntryBody['kind'];
  chain: string;
  seq: number;
}

export function compareEntries(a: Ordered, b: Ordered): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  const debitA = a.kind === 'charge' ? 1 : 0;
  const debitB = b.kind === 'charge' ? 1 : 0;
  if (debitA !== debitB) return debitA - debitB;
  if (a.chain !== b.chain) return a.chain < b.chain ? -1 : 1;
  return a.seq - b.seq;
}

/** The Automerge document an entry or checkpoint lives in: one per identity per UTC month. */
export function ledgerDocName(identity: string, ts: number): string {
  return `ledger/${identity}/${new Date(ts).toISOString().slice(0, 7)}`;
}

/**
 * The authority check of ledger records (records/authority.ts): what anyone can check from the
 * record alone and the marketplace id. The payload's body must already match its schema.
 */
export function ledgerRecordViolation(payload: RecordPayload, marketplaceId: string | null): string | null {
  if (payload.kind === 'ledger-checkpoint') return checkpointShapeViolation(payload, payload.body as LedgerCheckpointBody)?.reason ?? null;
  const body = payload.body as LedgerEntryBody;
  const shape = entryShapeViolation(payload, body);
  if (shape) return shape.reason;
  if (body.kind === 'deposit' && marketplaceId !== null && payload.author !== marketplaceId) {
    return `deposit signed by ${payload.author}, not by the marketplace treasury ${marketplaceId}`;
  }
  return null;
}
