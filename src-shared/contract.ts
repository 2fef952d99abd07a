import { z } from 'zod';
import { CatalogItemSchema, CatalogListInputSchema, CatalogListOutputSchema, CatalogRowSchema } from './catalog';
import { ModelIdSchema, PublicKeySchema } from './domain';
import type { ErrorCode } from './errors';
import {
  AccountSchema,
  EntryIdSchema,
  HashHexSchema,
  LedgerCheckpointViewSchema,
  LedgerEntriesInputSchema,
  LedgerEntryViewSchema,
  LedgerProblemSchema,
} from './ledger';
import { MAX_PRICE_MICRO } from './money';
import {
  CompareInputSchema,
  CompareOutputSchema,
  PositionSchema,
  PriceChangeSchema,
  PricingSetInputSchema,
  ProducerSchema,
  PublishInputSchema,
} from './pricing';
import { ProfileBodySchema, PriceSchema, TaskSchema } from './domain';
import { MAX_REVIEW_TEXT, MetricReportViewSchema, ReviewSummarySchema, ReviewViewSchema } from './reviews';
import { CallResultSchema, DecisionSchema, PlanSchema, RouteInputSchema, RoutingSettingsSchema } from './routing';
import { ClaimViewSchema, EpochComputationSchema, LeaderboardSchema, ProjectionSchema, RewardEpochsSchema } from './rewards';
import {
  ConflictSchema,
  JoinResultSchema,
  PeerViewSchema,
  QuarantineItemSchema,
  SyncAddressSchema,
  SyncChangedSchema,
  SyncProgressSchema,
  SyncStatusSchema,
  TruncationSchema,
} from './sync';

/**
 * The command contract: one typed map of `scope.method` commands. Every transport (Electron IPC
 * relay, JSON-RPC over HTTP, the CLI) carries exactly this map, and every input is validated
 * against its schema before a handler sees it.
 */
export interface CommandSpec {
  summary: string;
  input: z.ZodType;
  output: z.ZodType;
  errors: readonly ErrorCode[];
  /** Its answer holds a private key: a browser page session may not call it (only the host token or the desktop app). */
  revealsKeys?: true;
}

const NoInput = z.strictObject({});

export const MarketplaceInfoSchema = z.object({
  id: PublicKeySchema,
  name: z.string(),
  feeBps: z.number().int(),
  epochSeconds: z.number().int(),
  graceSeconds: z.number().int(),
  isTreasury: z.boolean(),
});

export const HealthSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  identity: z.object({
    publicKey: PublicKeySchema,
    deviceKey: PublicKeySchema,
    /**
     * The key the producer console signs with: the identity itself, except in a demo folder, where
     * the identity is a plain buyer and this is the demo producer's (My Model Lab) key.
     */
    producerKey: PublicKeySchema,
    /** True in a demo folder: "Act as producer" opens the console as the demo producer. */
    demoProducer: z.boolean(),
  }),
  marketplace: MarketplaceInfoSchema.nullable(),
  counts: z.object({
    producers: z.number().int(),
    models: z.number().int(),
    records: z.number().int(),
    quarantined: z.number().int(),
  }),
  startedAt: z.number().int(),
});

export const SettingsSchema = z.strictObject({
  theme: z.enum(['system', 'light', 'dark']),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const commands = {
  'system.health': {
    summary: 'Engine version, data folder, local identity, marketplace and record counts.',
    input: NoInput,
    output: HealthSchema,
    errors: [],
  },
  'marketplace.create': {
    summary: 'Create a new marketplace: a treasury key and its signed config (fee, epoch length, grace).',
    input: z.strictObject({
      name: z.string().trim().min(1).max(120),
      feeBps: z.number().int().min(0).max(5_000).optional(),
      epochSeconds: z.number().int().min(60).max(366 * 86_400).optional(),
      graceSeconds: z.number().int().min(0).max(30 * 86_400).optional(),
    }),
    output: MarketplaceInfoSchema,
    errors: ['INVALID_INPUT', 'CONFLICT'],
  },
  'marketplace.openDemo': {
    summary: 'Fill an empty data folder with the demo marketplace (producers, models, prices), all properly signed.',
    input: NoInput,
    output: MarketplaceInfoSchema,
    errors: ['CONFLICT'],
  },
  'catalog.list': {
    summary: 'Search, filter, sort and page the catalog of models.',
    input: CatalogListInputSchema,
    output: CatalogListOutputSchema,
    errors: ['INVALID_INPUT'],
  },
  'catalog.get': {
    summary: 'One model with its listing, price and metrics (each metric with its source), and its figure for `task` (default: its best task).',
    input: z.strictObject({ id: ModelIdSchema, task: TaskSchema.optional() }),
    output: CatalogRowSchema,
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  },
  'catalog.compare': {
    summary: '2-6 models side by side: metric rows with the best highlighted, workload cost, and the task\'s price-vs-accuracy scatter with its frontier.',
    input: CompareInputSchema,
    output: CompareOutputSchema,
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  },
  'models.publish': {
    summary: 'Publish or edit a listing signed by the local identity (the producer); optionally with its first price.',
    input: PublishInputSchema,
    output: CatalogItemSchema,
    errors: ['INVALID_INPUT', 'NOT_READY'],
  },
  'models.retire': {
    summary: 'Withdraw a listing: kept in history, no longer listed or routed. Only its producer may.',
    input: z.strictObject({ modelId: ModelIdSchema }),
    output: CatalogItemSchema,
    errors: ['INVALID_INPUT', 'NOT_FOUND', 'FORBIDDEN'],
  },
  'producers.get': {
    summary: 'A producer profile (default: the local identity) with its model count.',
    input: z.strictObject({ producerKey: PublicKeySchema.optional() }),
    output: ProducerSchema,
    errors: ['INVALID_INPUT'],
  },
  'producers.setProfile': {
    summary: "Sign and publish the local identity's producer profile (name, description, contact, website).",
    input: ProfileBodySchema,
    output: ProducerSchema,
    errors: ['INVALID_INPUT', 'NOT_READY'],
  },
  'pricing.set': {
    summary: 'Set a model\'s fixed price (integer micro-credits per 1M input / output tokens and per request) from now or a later time. Only its producer may.',
    input: PricingSetInputSchema,
    output: PriceChangeSchema,
    errors: ['INVALID_INPUT', 'NOT_FOUND', 'FORBIDDEN'],
  },
  'pricing.history': {
    summary: 'Every signed price change of a model, oldest first.',
    input: z.strictObject({ modelId: ModelIdSchema }),
    output: z.array(PriceChangeSchema),
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  },
  'pricing.position': {
    summary: 'Market position of a model (and of a candidate price): task quartiles, value score and rank, the Pareto frontier, who dominates it, the price range that keeps it on the frontier.',
    input: z.strictObject({ modelId: ModelIdSchema, task: TaskSchema.optional(), candidate: PriceSchema.optional() }),
    output: PositionSchema,
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  },
  'route.plan': {
    summary: 'Decide which model would answer (no call, no charge): the chosen model, the top candidates with score parts, and how many models each constraint excluded.',
    input: RouteInputSchema,
    output: PlanSchema,
    errors: ['INVALID_INPUT', 'NO_ROUTE'],
  },
  'route.call': {
    summary: 'Decide, call the model (streaming deltas as route.delta events when stream is set), fall back on failure, charge once, and record observations.',
    input: RouteInputSchema.extend({ decisionId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional() }).strict(),
    output: CallResultSchema,
    errors: ['INVALID_INPUT', 'NO_ROUTE', 'PROVIDER_FAILED', 'INSUFFICIENT_FUNDS', 'CONFLICT', 'NOT_READY'],
  },
  'route.decisions': {
    summary: 'The local history of routing decisions, newest first.',
    input: z.strictObject({ offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(500).optional(), modelId: ModelIdSchema.optional() }),
    output: z.object({ total: z.number().int(), items: z.array(DecisionSchema) }),
    errors: ['INVALID_INPUT'],
  },
  'routing.getSettings': {
    summary: 'Routing settings: default strategy, score weights, daily and monthly budgets, timeout, retries, fallbacks, exploration.',
    input: NoInput,
    output: RoutingSettingsSchema,
    errors: [],
  },
  'routing.setSettings': {
    summary: 'Change routing settings (any subset of fields).',
    input: RoutingSettingsSchema.partial().strict(),
    output: RoutingSettingsSchema,
    errors: ['INVALID_INPUT'],
  },
  'providers.keys': {
    summary: 'Which endpoints have an API key stored locally (only the last 4 characters are shown).',
    input: NoInput,
    output: z.array(z.object({ baseUrl: z.string(), hint: z.string() })),
    errors: [],
  },
  'providers.setKey': {
    summary: "Store the user's API key for an endpoint, locally (mode 0600), never in a shared document.",
    input: z.strictObject({ baseUrl: z.url({ protocol: /^https?$/ }).max(500), apiKey: z.string().min(1).max(500) }),
    output: z.object({ baseUrl: z.string(), hint: z.string() }),
    errors: ['INVALID_INPUT'],
  },
  'providers.removeKey': {
    summary: 'Forget the stored API key of an endpoint.',
    input: z.strictObject({ baseUrl: z.string().max(500) }),
    output: z.object({ removed: z.boolean() }),
    errors: ['INVALID_INPUT'],
  },
  'providers.discoverLocal': {
    summary: 'List the models of a local Ollama (default http://127.0.0.1:11434) so they can be listed as local models.',
    input: z.strictObject({ baseUrl: z.url({ protocol: /^https?$/ }).max(500).optional() }),
    output: z.object({ baseUrl: z.string(), reachable: z.boolean(), models: z.array(z.object({ name: z.string(), sizeBytes: z.number().int().nullable() })) }),
    errors: ['INVALID_INPUT'],
  },
  'reviews.submit': {
    summary: 'Rate and review a model (1-5 stars, plain text); with chargeId (a ledger charge of yours for that model) it shows as verified usage. Submitting again edits it.',
    input: z.strictObject({
      modelId: ModelIdSchema,
      rating: z.number().int('rating is a whole number of stars').min(1, 'rating is 1 to 5 stars').max(5, 'rating is 1 to 5 stars'),
      text: z.string().max(MAX_REVIEW_TEXT, `at most ${MAX_REVIEW_TEXT} characters`),
      task: TaskSchema.optional(),
      chargeId: HashHexSchema.optional(),
    }),
    output: ReviewViewSchema,
    errors: ['INVALID_INPUT', 'NOT_FOUND', 'FORBIDDEN'],
  },
  'reviews.retract': {
    summary: 'Withdraw your review of a model (kept in history, no longer shown or counted).',
    input: z.strictObject({ modelId: ModelIdSchema }),
    output: z.object({ retracted: z.boolean() }),
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  },
  'reviews.reply': {
    summary: "The producer's signed reply to a review of one of its models.",
    input: z.strictObject({ modelId: ModelIdSchema, reviewer: PublicKeySchema, text: z.string().trim().min(1).max(MAX_REVIEW_TEXT) }),
    output: ReviewViewSchema,
    errors: ['INVALID_INPUT', 'NOT_FOUND', 'FORBIDDEN'],
  },
  'reviews.list': {
    summary: 'Reviews of a model with verified badge, burst hold, weight and reply; sorted by helpful (weight, then substance), recent or verified.',
    input: z.strictObject({
      modelId: ModelIdSchema,
      sort: z.enum(['helpful', 'recent', 'verified']).optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(200).optional(),
    }),
    output: z.object({ total: z.number().int(), items: z.array(ReviewViewSchema) }),
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  },
  'reviews.summary': {
    summary: 'Aggregate of a model (optionally one task): Bayesian average (verified weigh 1, unverified 0.2, held 0), histogram, 30-day trend, quick feedback counts.',
    input: z.strictObject({ modelId: ModelIdSchema, task: TaskSchema.optional() }),
    output: ReviewSummarySchema,
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  },
  'reviews.mine': {
    summary: 'The reviews the local identity wrote.',
    input: NoInput,
    output: z.array(ReviewViewSchema),
    errors: [],
  },
  'feedback.submit': {
    summary: 'Thumbs up/down (and a note) on a routed call: signed, it moves the routing quality estimate; returns the charge so it can become a verified review.',
    input: z.strictObject({ decisionId: z.string().min(1).max(100), up: z.boolean(), note: z.string().max(500).optional() }),
    output: z.object({ hash: HashHexSchema, modelId: ModelIdSchema, chargeHash: HashHexSchema.nullable() }),
    errors: ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT'],
  },
  'evals.run': {
    summary: "Run the task's labelled prompt set against a model through the real call path (each case charged), grade it and publish a signed metric report.",
    input: z.strictObject({ modelId: ModelIdSchema, task: TaskSchema }),
    output: z.object({
      report: MetricReportViewSchema,
      results: z.array(z.object({ prompt: z.string(), answer: z.string().nullable(), passed: z.boolean(), error: z.string().nullable(), cost: z.number().int() })),
      cost: z.number().int(),
    }),
    errors: ['INVALID_INPUT', 'NOT_FOUND', 'NO_ROUTE'],
  },
  'evals.reports': {
    summary: 'Evaluation reports for a model: "measured" when run by someone other than its producer, "claimed" when by the producer.',
    input: z.strictObject({ modelId: ModelIdSchema }),
    output: z.array(MetricReportViewSchema),
    errors: ['INVALID_INPUT'],
  },
  'rewards.epochs': {
    summary: 'Incentive epochs, newest first: window, whether final (now ≥ close + grace), pool inflow (the fees of its charges), remainder carried in and out, the result hash every peer must reproduce, and each reward claim with its check (valid, quarantined with the reason, or pending).',
    input: z.strictObject({ limit: z.number().int().min(1).max(1_000).optional() }),
    output: RewardEpochsSchema,
    errors: ['INVALID_INPUT'],
  },
  'rewards.compute': {
    summary: "One epoch's split with its inputs: per producer and model the score parts (quality, latency, reliability, popularity), the raters and what was clipped, why a producer gets nothing, the amounts, and the formula with its parameters.",
    input: z.strictObject({ epoch: z.number().int().min(0), producerKey: PublicKeySchema.optional(), modelId: ModelIdSchema.optional() }),
    output: EpochComputationSchema,
    errors: ['INVALID_INPUT', 'NOT_FOUND', 'NOT_READY'],
  },
  'rewards.claim': {
    summary: "Sign the local producer's reward claim for a final epoch (amount and result hash as recomputed here); peers count it only if they recompute the same.",
    input: z.strictObject({ epoch: z.number().int().min(0) }),
    output: z.object({ claim: ClaimViewSchema, balance: z.number().int() }),
    errors: ['INVALID_INPUT', 'FORBIDDEN', 'CONFLICT', 'NOT_READY'],
  },
  'rewards.leaderboard': {
    summary: "Models of a task ranked by their incentive score in an epoch (default: the newest final one), with each score's parts, and their producers' rewards.",
    input: z.strictObject({ task: TaskSchema, epoch: z.number().int().min(0).optional() }),
    output: LeaderboardSchema,
    errors: ['INVALID_INPUT', 'NOT_READY'],
  },
  'rewards.projection': {
    summary: "What a candidate price would do: value score and rank against the task's frontier now and at the candidate, and the routed share and reward projected by replaying the task's recent calls through the routing engine at both prices.",
    input: z.strictObject({ modelId: ModelIdSchema, candidate: PriceSchema, task: TaskSchema.optional() }),
    output: ProjectionSchema,
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  },
  'settings.get': {
    summary: 'Settings shared by every window (kept in the engine).',
    input: NoInput,
    output: SettingsSchema,
    errors: [],
  },
  'settings.set': {
    summary: 'Change settings; every open window receives settings.changed.',
    input: SettingsSchema.partial().strict(),
    output: SettingsSchema,
    errors: ['INVALID_INPUT'],
  },
  'ledger.deposit': {
    summary: 'Treasury only: credit a user account (default: the local identity) with new credits.',
    input: z.strictObject({
      to: PublicKeySchema.optional(),
      amount: z.number().int('amount must be whole micro-credits').min(1, 'amount must be positive').max(MAX_PRICE_MICRO * 100),
      id: EntryIdSchema.optional(),
      note: z.string().max(500).optional(),
    }),
    output: LedgerEntryViewSchema,
    errors: ['INVALID_INPUT', 'FORBIDDEN', 'CONFLICT', 'NOT_READY'],
  },
  'ledger.balance': {
    summary: 'Balance of an account (default: the local identity), summed over every valid chain and reward claim.',
    input: z.strictObject({ account: AccountSchema.optional() }),
    output: z.object({ account: z.string(), balance: z.number().int(), entries: z.number().int() }),
    errors: ['INVALID_INPUT'],
  },
  'ledger.entries': {
    summary: 'Ledger entries filtered by account, kind, model and time, newest first, paged, with totals.',
    input: LedgerEntriesInputSchema,
    output: z.object({
      total: z.number().int(),
      items: z.array(LedgerEntryViewSchema.extend({ amount: z.number().int().nullable(), runningBalance: z.number().int().nullable() })),
      totals: z.object({ credits: z.number().int(), debits: z.number().int(), net: z.number().int() }),
    }),
    errors: ['INVALID_INPUT'],
  },
  'ledger.proof': {
    summary: 'Inclusion proof of one entry in its chain\'s Merkle tree (RFC 9162), against the latest checkpoint covering it.',
    input: z.strictObject({ hash: HashHexSchema }),
    output: z.object({
      entry: LedgerEntryViewSchema,
      index: z.number().int(),
      size: z.number().int(),
      root: HashHexSchema,
      proof: z.array(HashHexSchema),
      checkpoint: LedgerCheckpointViewSchema.nullable(),
      verified: z.boolean(),
    }),
    errors: ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT'],
  },
  'ledger.checkpoint': {
    summary: "Sign a checkpoint (tree head) of this device's chain; returns it with a consistency proof from the previous one.",
    input: NoInput,
    output: z.object({ checkpoint: LedgerCheckpointViewSchema, previous: LedgerCheckpointViewSchema.nullable(), consistency: z.array(HashHexSchema) }),
    errors: [],
  },
  'ledger.verify': {
    summary: 'Re-verify every ledger record: signatures, chains, double entry, checkpoints; lists every problem found.',
    input: NoInput,
    output: z.object({
      ok: z.boolean(),
      chains: z.number().int(),
      entries: z.number().int(),
      checkpoints: z.number().int(),
      problems: z.array(LedgerProblemSchema),
      /** Chains whose key signed two entries at one seq: frozen, every entry they signed counted. */
      forks: z.array(z.object({ chain: z.string(), seq: z.number().int() })).optional(),
      /** Each frozen identity's spending beyond its credits, absorbed by the treasury. */
      deficits: z.array(z.object({ account: z.string(), amount: z.number().int() })).optional(),
    }),
    errors: [],
  },
  'ledger.export': {
    summary: 'The whole ledger in the open JSON Lines format (docs/ledger-format.md).',
    input: NoInput,
    output: z.object({ jsonl: z.string(), lines: z.number().int() }),
    errors: [],
  },
  'sync.status': {
    summary: 'Peer sync: connected peers and last sync per peer, changes no peer has acknowledged yet, first-sync progress, integrity counts and a digest of every accepted record.',
    input: NoInput,
    output: SyncStatusSchema,
    errors: [],
  },
  'sync.peers': {
    summary: 'Every known peer (manual, LAN discovery, invite, inbound): address, key, connected, last seen, last error, next redial.',
    input: NoInput,
    output: z.array(PeerViewSchema),
    errors: [],
  },
  'sync.connect': {
    summary: 'Add a peer by address (host:port or ws:// URL) and connect now; it is redialled with backoff whenever it drops. Optional key: refuse any other.',
    input: z.strictObject({ address: SyncAddressSchema, key: PublicKeySchema.optional() }),
    output: PeerViewSchema,
    errors: ['INVALID_INPUT', 'NOT_READY'],
  },
  'sync.setLan': {
    summary: 'Turn LAN sharing on (sync listens on the LAN address and announces itself with mDNS) or off (127.0.0.1 only, nothing announced; links that came in from the LAN drop). Saved in the data folder.',
    input: z.strictObject({ on: z.boolean() }),
    output: SyncStatusSchema,
    errors: ['INVALID_INPUT'],
  },
  'sync.disconnect': {
    summary: 'Disconnect a peer (by key or address) and stop redialling it until sync.connect.',
    input: z.union([z.strictObject({ peerKey: PublicKeySchema }), z.strictObject({ address: SyncAddressSchema })]),
    output: z.object({ disconnected: z.number().int() }),
    errors: ['INVALID_INPUT', 'NOT_FOUND'],
  },
  'integrity.quarantine': {
    summary: 'Records that did not take effect, with the reason (bad signature, wrong signer, bad body, over the size/depth limits, stored under a wrong key), their document, author, kind and receipt time; paged. Also lists validly signed records set aside, by status: held (dated ahead of this clock, applied at `until`) and pending (a newer record format).',
    input: z.strictObject({
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(500).optional(),
      doc: z.string().max(200).optional(),
      kind: z.string().max(40).optional(),
    }),
    output: z.object({ total: z.number().int(), items: z.array(QuarantineItemSchema) }),
    errors: ['INVALID_INPUT'],
  },
  'integrity.conflicts': {
    summary: 'Validly signed records that share (author, kind, subject, seq) but differ: all are kept and listed; none silently wins.',
    input: NoInput,
    output: z.object({ total: z.number().int(), items: z.array(ConflictSchema) }),
    errors: [],
  },
  'integrity.truncations': {
    summary: 'Shared documents in which a peer deleted or replaced records this engine held; every one was put back.',
    input: NoInput,
    output: z.object({ total: z.number().int(), items: z.array(TruncationSchema) }),
    errors: [],
  },
  'marketplace.invite': {
    summary: "An invite another engine can join with: this marketplace's id, this peer's sync address and key. Optional address overrides the one advertised (e.g. a relay's public name).",
    input: z.strictObject({ address: SyncAddressSchema.optional() }),
    output: z.object({ invite: z.string(), marketplaceId: PublicKeySchema, address: z.string(), peerKey: PublicKeySchema }),
    errors: ['INVALID_INPUT', 'NOT_READY'],
  },
  'marketplace.join': {
    summary: 'Join the marketplace of an invite (or a device link): authenticate the inviting peer, adopt the marketplace id, receive its signed config and the catalog.',
    input: z.strictObject({ invite: z.string().trim().min(10).max(4_000) }),
    output: JoinResultSchema,
    errors: ['INVALID_INPUT', 'CONFLICT', 'NOT_READY'],
  },
  'identity.linkDevice': {
    summary: "A one-time device link for this person's other device: the invite plus this identity's private key. Treat it as the key itself; the new device joins with it and certifies its own device key.",
    input: z.strictObject({ address: SyncAddressSchema.optional() }),
    output: z.object({ code: z.string(), identity: PublicKeySchema }),
    errors: ['INVALID_INPUT', 'NOT_READY', 'FORBIDDEN'],
    revealsKeys: true,
  },
} as const satisfies Record<string, CommandSpec>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}

/** Events the engine pushes to every open window. */
export const events = {
  'reviews.changed': {
    summary: 'Reviews, replies or feedback of these models changed.',
    payload: z.object({ modelIds: z.array(z.string()) }),
  },
  'route.delta': {
    summary: 'A piece of a streaming answer; reset = the model failed mid-stream and another will answer.',
    payload: z.object({ decisionId: z.string(), modelId: z.string(), text: z.string(), reset: z.boolean() }),
  },
  'route.decided': {
    summary: 'A routed call finished (answered or failed); carries the decision record.',
    payload: DecisionSchema,
  },
  'ledger.changed': {
    summary: 'Ledger entries were appended or received; carries their hashes and the accounts touched.',
    payload: z.object({ hashes: z.array(z.string()), accounts: z.array(z.string()) }),
  },
  'catalog.changed': {
    summary: 'Models were published, repriced or retired; carries the ids that changed.',
    payload: z.object({ modelIds: z.array(z.string()), total: z.number().int() }),
  },
  'marketplace.changed': {
    summary: 'A marketplace was created, opened or its config changed.',
    payload: MarketplaceInfoSchema,
  },
  'sync.changed': {
    summary: 'Peers connected or left, changes were acknowledged, or integrity findings changed (quarantine, conflicts, truncations).',
    payload: SyncChangedSchema,
  },
  'sync.progress': {
    summary: 'Progress of a running sync (documents fetched, received records verified), at most every 100 ms; active false when done.',
    payload: SyncProgressSchema,
  },
  'rewards.changed': {
    summary: 'Reward claims arrived or were signed: the epochs they claim and the accounts whose balances they may move.',
    payload: z.object({ epochs: z.array(z.number().int()), accounts: z.array(z.string()) }),
  },
  'settings.changed': {
    summary: 'Settings changed (from any window).',
    payload: SettingsSchema,
  },
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** The shape every transport uses to carry one event. */
export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
}
