import { z } from 'zod';
import { CatalogItemSchema, CatalogListInputSchema, CatalogListOutputSchema } from './catalog';
import { ModelIdSchema, PublicKeySchema } from './domain';
import type { ErrorCode } from './errors';

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
  identity: z.object({ publicKey: PublicKeySchema, deviceKey: PublicKeySchema }),
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
    summary: 'One model with its listing, price and metrics (each metric with its source).',
    input: z.strictObject({ id: ModelIdSchema }),
    output: CatalogItemSchema,
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
  'catalog.changed': {
    summary: 'Models were published, repriced or retired; carries the ids that changed.',
    payload: z.object({ modelIds: z.array(z.string()), total: z.number().int() }),
  },
  'marketplace.changed': {
    summary: 'A marketplace was created, opened or its config changed.',
    payload: MarketplaceInfoSchema,
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
