import { z } from 'zod';
import { PublicKeySchema } from '../../../src-shared/ids';
import { SyncAddressSchema } from '../../../src-shared/sync';

/**
 * An invite names everything a fresh engine needs to join safely: the marketplace (its treasury
 * key), where a member listens, and that member's key, which the join then makes it prove. A device
 * link is an invite that also carries the person's identity key (PKCS#8, base64url): a secret.
 */
export interface Invite {
  marketplace: string;
  address: string;
  key: string;
  identity?: string;
}

const INVITE_PREFIX = 'irinvite1.';
const LINK_PREFIX = 'irlink1.';

const InviteSchema = z.strictObject({
  m: PublicKeySchema,
  a: SyncAddressSchema,
  k: PublicKeySchema,
  i: z.string().regex(/^[A-Za-z0-9_-]{40,400}$/).optional(),
});

export function encodeInvite(invite: Invite): string {
  const body = { m: invite.marketplace, a: invite.address, k: invite.key, ...(invite.identity ? { i: invite.identity } : {}) };
  const prefix = invite.identity ? LINK_PREFIX : INVITE_PREFIX;
  return prefix + Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

export type DecodedInvite = { ok: true; invite: Invite } | { ok: false; reason: string };

export function decodeInvite(text: string): DecodedInvite {
  const trimmed = text.trim();
  const prefix = trimmed.startsWith(LINK_PREFIX) ? LINK_PREFIX : trimmed.startsWith(INVITE_PREFIX) ? INVITE_PREFIX : null;
  if (!prefix) return { ok: false, reason: `an invite starts with ${INVITE_PREFIX} (or ${LINK_PREFIX} for a device link)` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(trimmed.slice(prefix.length), 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'the invite is damaged (not base64url JSON)' };
  }
  const result = InviteSchema.safeParse(parsed);
  if (!result.success) return { ok: false, reason: `the invite is damaged: ${result.error.issues[0]?.message ?? 'invalid'}` };
  if ((prefix === LINK_PREFIX) !== (result.data.i !== undefined)) return { ok: false, reason: 'the invite kind does not match its content' };
  const { m, a, k, i } = result.data;
  return { ok: true, invite: { marketplace: m, address: a, key: k, ...(i ? { identity: i } : {}) } };
}

/** `host:port` → the WebSocket URL of its sync listener; URLs pass through. */
export function syncUrlOf(address: string): string {
  return /^wss?:\/\//.test(address) ? address : `ws://${address}/sync`;
}

/** One spelling per address, so the same peer typed twice is one peer. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  if (/^wss?:\/\//.test(trimmed)) return trimmed.replace(/\/+$/, '');
  return trimmed.toLowerCase();
}

/** `host:port` for a host and port (IPv6 in brackets). */
export function addressOf(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
