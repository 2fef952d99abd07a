import { randomUUID } from 'node:crypto';
import { producerOf } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { ChargeMemoSchema, EntryIdSchema, GENESIS_PREV, type LedgerEntryBody, type LedgerEntryView } from '../../../src-shared/ledger';
import { callCost, feeOf, type Price } from '../../../src-shared/money';
import type { SigningKey } from '../identity/keys';
import type { PublishBatch } from '../publisher';
import { draftOf, signRecord } from '../records/signed';
import type { AppendContext } from './context';
import { intentOf, ledgerDocName, ledgerSubject, POOL_ACCOUNT, producerAccount, TREASURY_ACCOUNT, userAccount } from './entry-rules';
import { entryView } from './views';

type Intent = Omit<LedgerEntryBody, 'prev'>;

interface EntryDraft {
  key: SigningKey;
  intent: Intent;
  /** Checks that must hold at the chain's head, inside the chain's queue (e.g. funds). */
  precheck?: () => void;
  /** The entry is timed no earlier than this, read at the chain's head (see appendCharge). */
  notBefore?: () => number;
  /**
   * Records to make durable in the same write, signed once the entry is (a routed call's
   * observations). The entry is then acknowledged once durable and takes effect in memory right
   * after the answer (Publisher.publishAcknowledged).
   */
  alongside?: () => PublishBatch[];
}

/**
 * Appends one entry to the signer's chain: serialised per chain, idempotent by (chain, id), checked
 * against the same rules peers apply before it is signed, durable on disk before it resolves.
 */
async function appendEntry(ctx: AppendContext, draft: EntryDraft): Promise<LedgerEntryView> {
  const chain = draft.key.publicKey;
  const { ledger, publisher } = ctx;
  return ledger.writes.run(chain, async () => {
    // Entries acknowledged before this one take effect first: the head and the ids must count them.
    publisher.catchUp();
    const { intent } = draft;
    const existing = ledger.entryById(chain, intent.id);
    if (existing) {
      if (intentOf(existing.body) === intentOf({ ...intent, prev: GENESIS_PREV })) return entryView(existing);
      throw new AppError('CONFLICT', `Entry id ${intent.id} was already used for a different entry`, { id: intent.id, hash: existing.hash });
    }
    const head = ledger.head(chain);
    if (head.broken) throw new AppError('CONFLICT', `This ledger chain is broken at seq ${head.broken.seq} (${head.broken.reason}); run ledger.verify`, head.broken);
    draft.precheck?.();
    const ts = Math.max(ctx.clock(), head.ts, draft.notBefore?.() ?? 0);
    const body: LedgerEntryBody = { ...intent, prev: head.hash ?? GENESIS_PREV };
    const record = signRecord(draft.key, draftOf('ledger-entry', ledgerSubject(chain), head.seq + 1, body, ts));
    const broken = ledger.checkNext(record);
    if (broken) throw new AppError('INTERNAL', `refusing to sign an entry peers would reject: ${broken.reason}`);
    const doc = ledgerDocName(intent.identity, ts);
    if (draft.alongside) {
      await publisher.publishAcknowledged([{ doc, records: [record] }, ...draft.alongside()]);
      // checkNext passed: this is the entry as it takes effect.
      return entryView({ hash: record.hash, record, body, chain, seq: record.payload.seq, ts: record.payload.ts, kind: body.kind });
    }
    await publisher.publish(doc, [record]);
    const applied = ledger.entry(record.hash);
    if (!applied) throw new AppError('INTERNAL', 'the ledger entry did not take effect');
    return entryView(applied);
  });
}

function checkId(id: string): string {
  const parsed = EntryIdSchema.safeParse(id);
  if (!parsed.success) throw new AppError('INVALID_INPUT', `Invalid entry id: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { id });
  return id;
}

/** Treasury only: new credits for a user account (default: the local identity). */
export async function appendDeposit(ctx: AppendContext, input: { to?: string; amount: number; id?: string; note?: string }): Promise<LedgerEntryView> {
  const marketplaceId = ctx.marketplace.id;
  if (marketplaceId === null) throw new AppError('NOT_READY', 'This data folder belongs to no marketplace yet');
  const treasury = ctx.keys.treasury;
  if (!treasury || treasury.publicKey !== marketplaceId) {
    throw new AppError('FORBIDDEN', "Only the marketplace's treasury can deposit credits", { marketplaceId });
  }
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new AppError('INVALID_INPUT', 'amount must be a positive whole number of micro-credits');
  const to = input.to ?? ctx.keys.identity.publicKey;
  return appendEntry(ctx, {
    key: treasury,
    intent: {
      id: checkId(input.id ?? `deposit:${randomUUID()}`),
      kind: 'deposit',
      identity: treasury.publicKey,
      postings: [
        { account: TREASURY_ACCOUNT, amount: 0 - input.amount },
        { account: userAccount(to), amount: input.amount },
      ],
      ...(input.note !== undefined ? { note: input.note } : {}),
    },
  });
}

/** What the routing work hands over after a call: the price in force and the usage measured. */
export interface ChargeInput {
  /** Idempotency key: a retried call with the same id is charged once. */
  id: string;
  modelId: string;
  producerKey: string;
  price: Price;
  inputTokens: number;
  outputTokens: number;
  usageEstimated: boolean;
  latencyMs: number;
  decisionId?: string;
  /** Hash of the signed price record the cost was computed from, when the caller knows it. */
  priceHash?: string;
}

/**
 * Charges the local identity for one call: cost = callCost(price, tokens), the marketplace fee
 * taken out of it for pool:rewards, the rest to the producer. One entry in this device's chain;
 * INSUFFICIENT_FUNDS (and nothing written) when the balance does not cover the cost. `alongside`:
 * see EntryDraft (the router's observations share the charge's write).
 */
export async function appendCharge(ctx: AppendContext, input: ChargeInput, alongside?: () => PublishBatch[]): Promise<LedgerEntryView> {
  if (producerOf(input.modelId) !== input.producerKey) {
    throw new AppError('INVALID_INPUT', `model ${input.modelId} does not belong to producer ${input.producerKey}`);
  }
  const cost = callCost(input.price, input.inputTokens, input.outputTokens);
  const fee = feeOf(cost, ctx.ledger.feeBps(ctx.clock()));
  const memo = ChargeMemoSchema.safeParse({
    modelId: input.modelId,
    ...(input.decisionId !== undefined ? { decisionId: input.decisionId } : {}),
    inputTokens: input.inputTokens,
    outputTokens: input.outputTokens,
    usageEstimated: input.usageEstimated,
    latencyMs: input.latencyMs,
    cost,
    fee,
    ...(input.priceHash !== undefined ? { priceHash: input.priceHash } : {}),
  });
  if (!memo.success) throw new AppError('INVALID_INPUT', `Invalid charge: ${memo.error.issues[0]?.path.join('.')}: ${memo.error.issues[0]?.message}`);
  const identity = ctx.keys.identity.publicKey;
  const payer = userAccount(identity);
  return appendEntry(ctx, {
    key: ctx.keys.device,
    intent: {
      id: checkId(input.id),
      kind: 'charge',
      identity,
      postings: [
        { account: payer, amount: 0 - cost },
        { account: producerAccount(input.producerKey), amount: cost - fee },
        { account: POOL_ACCOUNT, amount: fee },
      ],
      memo: memo.data,
    },
    precheck: () => {
      const balance = ctx.ledger.balance(payer);
      if (balance < cost) throw new AppError('INSUFFICIENT_FUNDS', `The call costs ${cost} micro-credits but the balance is ${balance}`, { account: payer, balance, cost });
    },
    // Timed after every credit already counted, so any verifier replaying by time agrees it was covered.
    notBefore: () => ctx.ledger.lastTs(payer),
    ...(alongside ? { alongside } : {}),
  });
}

/**
 * A producer pays back (part of) a charge on one of its models: producer → user, in this device's
 * chain. The default id makes a second refund of the same charge idempotent, not a double refund.
 */
export async function appendRefund(ctx: AppendContext, input: { chargeHash: string; amount?: number; id?: string; note?: string }): Promise<LedgerEntryView> {
  const charge = ctx.ledger.entry(input.chargeHash);
  if (!charge || charge.kind !== 'charge' || !charge.body.memo) throw new AppError('NOT_FOUND', `No charge with hash ${input.chargeHash}`);
  const memo = charge.body.memo;
  const identity = ctx.keys.identity.publicKey;
  if (producerOf(memo.modelId) !== identity) throw new AppError('FORBIDDEN', "Only the model's producer can refund its charges", { modelId: memo.modelId });
  const amount = input.amount ?? memo.cost - memo.fee;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > memo.cost) {
    throw new AppError('INVALID_INPUT', `A refund must be between 1 and the charged ${memo.cost} micro-credits`, { amount });
  }
  return appendEntry(ctx, {
    key: ctx.keys.device,
    intent: {
      id: checkId(input.id ?? `refund:${input.chargeHash}`),
      kind: 'refund',
      identity,
      postings: [
        { account: producerAccount(identity), amount: 0 - amount },
        { account: userAccount(charge.body.identity), amount },
      ],
      memo,
      note: input.note ?? `refund of charge ${input.chargeHash}`,
    },
  });
}
