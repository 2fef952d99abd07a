import { createPrivateKey } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { CommandOutput } from '../../../src-shared/contract';
import { AppError } from '../../../src-shared/errors';
import { fromPrivateKey, signingKeyToPem, type SigningKey } from '../identity/keys';
import { decodeRecord, draftOf, signRecord } from '../records/signed';
import type { JoinContext } from './command-context';
import { addressOf, decodeInvite, encodeInvite } from './invite';

const JOIN_WAIT_MS = 10_000;

/** The address to put in an invite: the listener's, or this machine's LAN address when it listens on all. */
export function advertisedAddress(listening: { host: string; port: number }): string {
  if (listening.host !== '0.0.0.0' && listening.host !== '::') return addressOf(listening.host, listening.port);
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  return addressOf(lan?.address ?? '127.0.0.1', listening.port);
}

function inviteParts(ctx: JoinContext, address: string | undefined): { marketplace: string; address: string; key: string } {
  const marketplace = ctx.marketplace.id;
  if (!marketplace) throw new AppError('NOT_READY', 'Create, open or join a marketplace first');
  const listening = ctx.sync.connections.listening;
  if (!address && !listening) throw new AppError('NOT_READY', 'Peer sync is off in this engine (started with --no-sync): nobody could use an invite');
  return { marketplace, address: address ?? advertisedAddress(listening!), key: ctx.keys.device.publicKey };
}

export function createInvite(ctx: JoinContext, address?: string): CommandOutput<'marketplace.invite'> {
  const parts = inviteParts(ctx, address);
  return { invite: encodeInvite(parts), marketplaceId: parts.marketplace, address: parts.address, peerKey: parts.key };
}

/** A device link: an invite carrying this identity's private key, for the same person's other device. */
export function createDeviceLink(ctx: JoinContext, address?: string): CommandOutput<'identity.linkDevice'> {
  const parts = inviteParts(ctx, address);
  const der = ctx.keys.identity.privateKey.export({ format: 'der', type: 'pkcs8' });
  return { code: encodeInvite({ ...parts, identity: Buffer.from(der).toString('base64url') }), identity: ctx.keys.identity.publicKey };
}

/** Only an engine that has signed nothing as its own identity (beyond its device certificate) may take another. */
function signedAsIdentity(ctx: JoinContext): boolean {
  const me = ctx.keys.identity.publicKey;
  for (const name of ctx.docs.docNames()) {
    for (const [, bytes] of ctx.docs.records(name)) {
      const decoded = decodeRecord(bytes, null);
      if (decoded.ok && decoded.record.payload.author === me && decoded.record.payload.kind !== 'device-cert') return true;
    }
  }
  return false;
}

async function adoptIdentity(ctx: JoinContext, pkcs8: string): Promise<SigningKey> {
  const key = fromPrivateKey(createPrivateKey({ key: Buffer.from(pkcs8, 'base64url'), format: 'der', type: 'pkcs8' }));
  // Through the folder's secrets: encrypted at rest when the folder has a data key, mode 0600 always.
  await ctx.secrets.write('identity/identity.pem', signingKeyToPem(key));
  ctx.adoptIdentity(key);
  // Each device of a person certifies its own key. The seq is the signing time: two devices linked
  // while apart never share a seq, so their certificates are never mistaken for a conflict.
  const now = ctx.clock();
  const cert = signRecord(key, draftOf('device-cert', key.publicKey, now, { deviceKey: ctx.keys.device.publicKey, label: 'linked device' }, now));
  await ctx.publish(`identity/${key.publicKey}`, [cert]);
  return key;
}

/**
 * Joins the marketplace of an invite: dials the inviting peer and makes it prove the key the invite
 * names; only then adopts the marketplace id (a bogus invite changes nothing), attaches the link so
 * documents flow, and waits (up to 10 s) for the treasury-signed config. The catalog keeps arriving
 * after this returns (sync.progress). A device link also adopts the identity it carries.
 */
export async function joinMarketplace(ctx: JoinContext, text: string): Promise<CommandOutput<'marketplace.join'>> {
  const decoded = decodeInvite(text);
  if (!decoded.ok) throw new AppError('INVALID_INPUT', `Invalid invite: ${decoded.reason}`, { issues: [{ path: 'invite', message: decoded.reason }] });
  const { invite } = decoded;
  const current = ctx.marketplace.id;
  if (current !== null && current !== invite.marketplace) {
    throw new AppError('CONFLICT', 'This data folder already belongs to another marketplace', { marketplaceId: current });
  }
  if (invite.key === ctx.keys.device.publicKey) throw new AppError('INVALID_INPUT', 'This invite is this engine’s own');
  const linking = invite.identity !== undefined && invite.identity !== Buffer.from(ctx.keys.identity.privateKey.export({ format: 'der', type: 'pkcs8' })).toString('base64url');
  if (linking && signedAsIdentity(ctx)) {
    throw new AppError('CONFLICT', 'This engine already signed records as its own identity; link a fresh data folder instead', { identity: ctx.keys.identity.publicKey });
  }
  const { sync } = ctx;
  let auth;
  try {
    auth = await sync.connections.dial(invite.address, invite.key, 'invite', invite.marketplace);
  } catch (error) {
    throw new AppError('NOT_READY', `Could not join through ${invite.address}: ${(error as Error).message}`, { address: invite.address });
  }
  if (current === null) await ctx.adoptMarketplace(invite.marketplace);
  if (linking) await adoptIdentity(ctx, invite.identity!);
  const row = sync.peers.upsert({ address: invite.address, key: invite.key, source: 'invite' });
  row.enabled = true;
  sync.connections.attach(auth);
  sync.connections.start();
  sync.refreshMdns();
  const deadline = Date.now() + JOIN_WAIT_MS;
  while (ctx.marketplace.info() === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return {
    marketplaceId: invite.marketplace,
    marketplace: ctx.marketplace.info(),
    peer: sync.peers.view(row, sync.connections.linkOf(row.key)),
    identity: ctx.keys.identity.publicKey,
    linkedIdentity: linking,
  };
}
