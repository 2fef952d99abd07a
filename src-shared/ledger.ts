import { z } from 'zod';
import { ModelIdSchema, PublicKeySchema } from './ids';

/** Accounts of the double-entry ledger (docs/architecture.md). */
export const AccountSchema = z
  .string()
  .max(60)
  .regex(/^(user:[A-Za-z0-9_-]{43}|producer:[A-Za-z0-9_-]{43}|pool:rewards|treasury)$/, 'must be user:<key>, producer:<key>, pool:rewards or treasury');
export type Account = z.infer<typeof AccountSchema>;

export const LEDGER_ENTRY_KINDS = ['deposit', 'charge', 'refund'] as const;
export const LedgerEntryKindSchema = z.enum(LEDGER_ENTRY_KINDS);
export type LedgerEntryKind = z.infer<typeof LedgerEntryKindSchema>;

/** An entry id is an idempotency key: the same id twice is one entry. */
export const EntryIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'must be 1-100 letters, digits or _.:-');

export const HashHexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');

/** Integer micro-credits, positive or negative, within the safe-integer range. */
export const AmountSchema = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

export const PostingSchema = z.strictObject({ account: AccountSchema, amount: AmountSchema });

export const ChargeMemoSchema = z.strictObject({
  modelId: ModelIdSchema,
  decisionId: z.string().max(100).optional(),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  usageEstimated: z.boolean(),
  latencyMs: z.number().int().min(0),
  cost: z.number().int().min(0),
  fee: z.number().int().min(0),
  priceHash: HashHexSchema.optional(),
});

/**
 * A ledger entry (record kind `ledger-entry`): subject `ledger:<author>`, seq = its place in the
 * author's chain, `prev` = the hash of the previous entry record (64 zeros at seq 1).
 */
export const LedgerEntryBodySchema = z.strictObject({
  id: EntryIdSchema,
  prev: HashHexSchema,
  kind: LedgerEntryKindSchema,
  postings: z.array(PostingSchema).min(2).max(8),
  /** The identity the signing device acts for (its device-cert links the two). */
  identity: PublicKeySchema,
  memo: ChargeMemoSchema.optional(),
  note: z.string().max(500).optional(),
});
export type LedgerEntryBody = z.infer<typeof LedgerEntryBodySchema>;

/** A signed checkpoint (record kind `ledger-checkpoint`, subject `checkpoint:<author>`): an RFC 9162 tree head. */
export const LedgerCheckpointBodySchema = z.strictObject({
  chain: PublicKeySchema,
  size: z.number().int().min(0),
  root: HashHexSchema,
});
export type LedgerCheckpointBody = z.infer<typeof LedgerCheckpointBodySchema>;

export const GENESIS_PREV = '0'.repeat(64);

/** One entry as the contract shows it. */
export const LedgerEntryViewSchema = z.object({
  hash: HashHexSchema,
  chain: PublicKeySchema,
  seq: z.number().int(),
  ts: z.number().int(),
  id: EntryIdSchema,
  kind: LedgerEntryKindSchema,
  prev: HashHexSchema,
  postings: z.array(z.object({ account: z.string(), amount: z.number().int() })),
  identity: PublicKeySchema,
  memo: ChargeMemoSchema.optional(),
  note: z.string().optional(),
});
export type LedgerEntryView = z.infer<typeof LedgerEntryViewSchema>;

export const LedgerCheckpointViewSchema = z.object({
  hash: HashHexSchema,
  chain: PublicKeySchema,
  seq: z.number().int(),
  ts: z.number().int(),
  size: z.number().int(),
  root: HashHexSchema,
});

export const LedgerProblemSchema = z.object({
  chain: z.string(),
  seq: z.number().int().nullable(),
  hash: z.string().nullable(),
  kind: z.enum(['signature', 'chain', 'balance', 'equivocation', 'truncation', 'checkpoint', 'authority', 'overdraft', 'conflict', 'format']),
  reason: z.string(),
});
export type LedgerProblem = z.infer<typeof LedgerProblemSchema>;

export const LedgerEntriesInputSchema = z.strictObject({
  account: AccountSchema.optional(),
  kind: LedgerEntryKindSchema.optional(),
  modelId: ModelIdSchema.optional(),
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
  offset: z.number().int().min(0).max(10_000_000).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});
