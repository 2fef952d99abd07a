import { z } from 'zod';
import { PublicKeySchema } from './ids';

/**
 * Where a peer's sync listener is: `host:port` (IPv6 in brackets), or a `ws://` / `wss://` URL when a
 * relay sits behind a TLS proxy. `host:port` means `ws://host:port/sync`.
 */
export const SyncAddressSchema = z
  .string()
  .trim()
  .min(3)
  .max(300)
  .regex(/^(wss?:\/\/[^\s/?#]+(\/[^\s?#]*)?|(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5})$/, 'must be host:port or a ws:// / wss:// URL');

export const PeerSourceSchema = z.enum(['manual', 'mdns', 'invite', 'inbound']);
export type PeerSource = z.infer<typeof PeerSourceSchema>;

export const PeerViewSchema = z.object({
  key: PublicKeySchema.nullable(),
  address: z.string().nullable(),
  source: PeerSourceSchema,
  connected: z.boolean(),
  direction: z.enum(['in', 'out']).nullable(),
  /** false after sync.disconnect: not redialled until sync.connect. */
  enabled: z.boolean(),
  lastSeenAt: z.number().int().nullable(),
  lastSyncAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.number().int().nullable(),
});
export type PeerView = z.infer<typeof PeerViewSchema>;

export const SyncProgressSchema = z.object({
  /** True while documents are being fetched or received records verified. */
  active: z.boolean(),
  docsKnown: z.number().int(),
  docsReady: z.number().int(),
  recordsReceived: z.number().int(),
  recordsProcessed: z.number().int(),
});
export type SyncProgress = z.infer<typeof SyncProgressSchema>;

export const SyncStatusSchema = z.object({
  peerKey: PublicKeySchema,
  marketplaceId: PublicKeySchema.nullable(),
  listening: z.object({ host: z.string(), port: z.number().int() }).nullable(),
  /** LAN sharing (the user's choice): off, the listener is on 127.0.0.1 and mDNS is off. */
  lanSharing: z.boolean(),
  mdns: z.enum(['off', 'on', 'unavailable']),
  peers: z.array(PeerViewSchema),
  lastSyncAt: z.number().int().nullable(),
  /** Local changes no peer has acknowledged yet: documents with unacknowledged heads, records appended since. */
  pending: z.object({ docs: z.number().int(), records: z.number().int() }),
  progress: SyncProgressSchema,
  counts: z.object({
    docs: z.number().int(),
    missingDocs: z.number().int(),
    records: z.number().int(),
    quarantined: z.number().int(),
    conflicts: z.number().int(),
    truncations: z.number().int(),
  }),
  /** sha256 over the sorted hashes of every accepted record: equal digests, equal data. */
  digest: z.string(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const SyncChangedSchema = z.object({
  peers: z.number().int(),
  pendingDocs: z.number().int(),
  quarantined: z.number().int(),
  conflicts: z.number().int(),
  truncations: z.number().int(),
});

export const QuarantineItemSchema = z.object({
  hash: z.string(),
  doc: z.string(),
  kind: z.string(),
  author: z.string(),
  subject: z.string(),
  reason: z.string(),
  receivedAt: z.number().int(),
  /**
   * quarantined: refused. held: validly signed but dated ahead of this engine's clock, applied at
   * `until`. pending: validly signed in a newer record format, applied once this engine reads it.
   */
  status: z.enum(['quarantined', 'held', 'pending']).optional(),
  /** Held records: the local time from which the record takes effect. */
  until: z.number().int().optional(),
});

export const ConflictSchema = z.object({
  kind: z.string(),
  author: PublicKeySchema,
  subject: z.string(),
  seq: z.number().int(),
  /** Every validly signed record in this slot: all are kept, none silently wins. */
  hashes: z.array(z.string()),
  detectedAt: z.number().int(),
});

export const TruncationSchema = z.object({
  doc: z.string(),
  url: z.string(),
  /** Records a peer deleted and this engine put back. */
  removed: z.number().int(),
  /** Records whose bytes a peer replaced under the same key, put back too. */
  overwritten: z.number().int(),
  hashes: z.array(z.string()),
  detectedAt: z.number().int(),
});
export type Truncation = z.infer<typeof TruncationSchema>;

export const JoinResultSchema = z.object({
  marketplaceId: PublicKeySchema,
  /** The config signed by the treasury, once it arrived (null if it has not yet: it will). */
  marketplace: z
    .object({ id: PublicKeySchema, name: z.string(), feeBps: z.number().int(), epochSeconds: z.number().int(), graceSeconds: z.number().int(), isTreasury: z.boolean() })
    .nullable(),
  peer: PeerViewSchema,
  identity: PublicKeySchema,
  linkedIdentity: z.boolean(),
});
