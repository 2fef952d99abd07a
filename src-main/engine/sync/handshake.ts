import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { isValidAutomergeUrl } from '@automerge/automerge-repo';
import { canonicalJson } from '../../../src-shared/canonical-json';
import { PublicKeySchema } from '../../../src-shared/ids';
import { signBytes, type SignatureVerifier, type SigningKey } from '../identity/keys';
import { FrameQueue, HandshakeError } from './frames';
import { allowSyncFrames } from './transport';

export { HandshakeError };

/**
 * The peer handshake (docs/architecture.md, "Two listeners"): before any document is shared, each side proves
 * it holds the private key of the public key it presents, by signing a transcript that holds both
 * sides' fresh nonces, both keys, the marketplace and both index URLs. The role is signed too, so a
 * listener's signature can never be replayed as a dialer's proof (no reflection). Text frames only;
 * after `welcome` the connection carries automerge-repo's binary messages.
 */
export const SYNC_PROTOCOL = 'infiniroute-sync/1';
/** For each answer; the listener also cuts a socket that has not proved its key HANDSHAKE_DEADLINE_MS after it connected. */
export const HANDSHAKE_TIMEOUT_MS = 10_000;

export interface HandshakeSelf {
  key: SigningKey;
  marketplace: string;
  index: string;
  storageId?: string | undefined;
  verifier: SignatureVerifier;
}

/** What a peer proved about itself. */
export interface PeerHello {
  key: string;
  marketplace: string;
  index: string;
  storageId?: string | undefined;
}

const Nonce = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const Signature = z.string().regex(/^[A-Za-z0-9_-]{86}$/);
const IndexUrl = z.string().max(100).refine((url): boolean => isValidAutomergeUrl(url), 'not an automerge URL');
const HelloFields = {
  protocol: z.literal(SYNC_PROTOCOL),
  key: PublicKeySchema,
  marketplace: PublicKeySchema,
  nonce: Nonce,
  index: IndexUrl,
  storageId: z.string().max(100).optional(),
};
const HelloSchema = z.strictObject({ t: z.literal('hello'), ...HelloFields });
const ChallengeSchema = z.strictObject({ t: z.literal('challenge'), ...HelloFields, sig: Signature });
const ProofSchema = z.strictObject({ t: z.literal('proof'), sig: Signature });
const WelcomeSchema = z.strictObject({ t: z.literal('welcome') });
const RejectSchema = z.strictObject({ t: z.literal('reject'), reason: z.string().max(300) });

type Hello = z.infer<typeof HelloSchema>;
type Side = Pick<Hello, 'key' | 'nonce' | 'index' | 'marketplace'>;

export function transcript(role: 'dialer' | 'listener', dialer: Side, listener: Side): Uint8Array {
  const side = (s: Side) => ({ key: s.key, nonce: s.nonce, index: s.index, marketplace: s.marketplace });
  return new TextEncoder().encode(canonicalJson({ protocol: SYNC_PROTOCOL, role, dialer: side(dialer), listener: side(listener) }));
}

function sign(key: SigningKey, data: Uint8Array): string {
  return Buffer.from(signBytes(key, data)).toString('base64url');
}

function verifies(verifier: SignatureVerifier, key: string, data: Uint8Array, sig: string): boolean {
  return verifier.verify(key, data, Buffer.from(sig, 'base64url'));
}

function send(ws: WebSocket, message: unknown): void {
  ws.send(JSON.stringify(message));
}

/** Reads the next handshake frame as `schema`; a `reject` from the other side becomes the error. */
async function expect<T>(frames: FrameQueue, schema: z.ZodType<T>, what: string): Promise<T> {
  const raw = await frames.nextText(HANDSHAKE_TIMEOUT_MS);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HandshakeError(`the peer sent a ${what} that is not JSON`);
  }
  const rejected = RejectSchema.safeParse(parsed);
  if (rejected.success) throw new HandshakeError(`refused by the peer: ${rejected.data.reason}`);
  const result = schema.safeParse(parsed);
  if (!result.success) throw new HandshakeError(`the peer sent a malformed ${what}: ${result.error.issues[0]?.message ?? 'invalid'}`);
  return result.data;
}

function refuse(ws: WebSocket, reason: string): never {
  try {
    send(ws, { t: 'reject', reason: reason.slice(0, 300) });
  } catch {
    // the socket may already be gone; the error below is what matters
  }
  throw new HandshakeError(reason);
}

const nonce = () => randomBytes(32).toString('base64url');

/** The side that opened the connection. `expectKey`: the key the invite or announcement named. */
export async function dialerHandshake(ws: WebSocket, self: HandshakeSelf, expectKey: string | null): Promise<{ peer: PeerHello; frames: FrameQueue }> {
  const frames = new FrameQueue(ws);
  try {
    const hello: Hello = { t: 'hello', protocol: SYNC_PROTOCOL, key: self.key.publicKey, marketplace: self.marketplace, nonce: nonce(), index: self.index, ...(self.storageId ? { storageId: self.storageId } : {}) };
    send(ws, hello);
    const challenge = await expect(frames, ChallengeSchema, 'challenge');
    if (challenge.key === self.key.publicKey) refuse(ws, 'connected to itself');
    if (expectKey !== null && challenge.key !== expectKey) refuse(ws, `the peer presented key ${challenge.key}, not the expected ${expectKey}`);
    if (challenge.marketplace !== self.marketplace) refuse(ws, `the peer belongs to marketplace ${challenge.marketplace}, not ${self.marketplace}`);
    if (!verifies(self.verifier, challenge.key, transcript('listener', hello, challenge), challenge.sig)) refuse(ws, 'the peer could not prove its key');
    // The listener proved its key: its welcome may be followed at once by whole documents.
    allowSyncFrames(ws);
    send(ws, { t: 'proof', sig: sign(self.key, transcript('dialer', hello, challenge)) });
    await expect(frames, WelcomeSchema, 'welcome');
    return { peer: { key: challenge.key, marketplace: challenge.marketplace, index: challenge.index, storageId: challenge.storageId }, frames };
  } catch (error) {
    frames.detach();
    throw error;
  }
}

/**
 * The side that accepted the connection. `admit` may refuse a proven peer (e.g. one already
 * connected); it runs only after the proof, so nothing about this engine's state leaks before.
 */
export async function listenerHandshake(
  ws: WebSocket,
  self: HandshakeSelf,
  admit: (peer: PeerHello) => string | null,
): Promise<{ peer: PeerHello; frames: FrameQueue }> {
  const frames = new FrameQueue(ws);
  try {
    const hello = await expect(frames, HelloSchema, 'hello');
    if (hello.key === self.key.publicKey) refuse(ws, 'connected to itself');
    if (hello.marketplace !== self.marketplace) refuse(ws, `this peer syncs marketplace ${self.marketplace} only`);
    const mine = { protocol: SYNC_PROTOCOL, key: self.key.publicKey, marketplace: self.marketplace, nonce: nonce(), index: self.index, ...(self.storageId ? { storageId: self.storageId } : {}) };
    send(ws, { t: 'challenge', ...mine, sig: sign(self.key, transcript('listener', hello, mine)) });
    const proof = await expect(frames, ProofSchema, 'proof');
    if (!verifies(self.verifier, hello.key, transcript('dialer', hello, mine), proof.sig)) refuse(ws, 'the peer could not prove its key');
    const peer: PeerHello = { key: hello.key, marketplace: hello.marketplace, index: hello.index, storageId: hello.storageId };
    const refusal = admit(peer);
    if (refusal) refuse(ws, refusal);
    allowSyncFrames(ws);
    send(ws, { t: 'welcome' });
    return { peer, frames };
  } catch (error) {
    frames.detach();
    throw error;
  }
}
