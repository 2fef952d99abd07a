import { addressOf } from './invite';

/** One peer announced on the LAN (mDNS `_infiniroute._tcp`, TXT `mp` = marketplace id, `key` = peer key). */
export interface Announcement {
  key: string;
  marketplace: string;
  host: string;
  port: number;
  /** When this engine first heard of it (for the dial tie-break below). */
  firstSeenAt: number;
}

export interface DialContext {
  selfKey: string;
  marketplaceId: string | null;
  connected: ReadonlySet<string>;
  dialing: ReadonlySet<string>;
  /** Keys this engine must not dial yet (backoff) until the given time. */
  notBefore: ReadonlyMap<string, number>;
  /** Keys the user disconnected: not dialled until sync.connect. */
  disabled: ReadonlySet<string>;
  now: number;
  /** How long the larger key waits for the smaller one to dial before it dials itself. */
  graceMs: number;
}

export const DISCOVERY_GRACE_MS = 5_000;

/**
 * Which announced peers to dial now. Only peers of this engine's marketplace, never itself, never
 * one already connected or being dialled, none still in backoff or disconnected by the user. When
 * two peers hear each other, only the one with the smaller key dials at first, so they do not open
 * two connections at once; the other dials too if nothing came after the grace period (e.g. a
 * firewall lets connections through in one direction only).
 */
export function announcedPeersToDial(announcements: readonly Announcement[], ctx: DialContext): Array<{ key: string; address: string }> {
  if (ctx.marketplaceId === null) return [];
  const chosen = new Map<string, string>();
  for (const a of announcements) {
    if (a.marketplace !== ctx.marketplaceId || a.key === ctx.selfKey) continue;
    if (chosen.has(a.key) || ctx.connected.has(a.key) || ctx.dialing.has(a.key) || ctx.disabled.has(a.key)) continue;
    if ((ctx.notBefore.get(a.key) ?? 0) > ctx.now) continue;
    if (!(a.port > 0 && a.port < 65_536) || a.host.length === 0) continue;
    const myTurn = ctx.selfKey < a.key || ctx.now - a.firstSeenAt >= ctx.graceMs;
    if (!myTurn) continue;
    chosen.set(a.key, addressOf(a.host, a.port));
  }
  return [...chosen].map(([key, address]) => ({ key, address }));
}

/** Picks the address to dial from what mDNS resolved: IPv4 first (link-local IPv6 needs a zone). */
export function pickHost(addresses: readonly string[], referer: string | undefined): string | null {
  const v4 = addresses.find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a));
  if (v4) return v4;
  const v6 = addresses.find((a) => a.includes(':') && !a.toLowerCase().startsWith('fe80'));
  return v6 ?? referer ?? null;
}
