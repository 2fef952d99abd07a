import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src-shared/canonical-json';
import { RecordPayloadSchema, type RecordKind, type RecordPayload } from '../../../src-shared/domain';
import { signBytes, type SignatureVerifier, type SigningKey } from '../identity/keys';

/**
 * A signed record is ONE bytes value: 64-byte Ed25519 signature ‖ canonical JSON payload.
 * Stored as a single Automerge bytes value keyed by its hash (DESIGN.md: field maps sync 10× slower).
 */
export const SIGNATURE_BYTES = 64;

export interface SignedRecord {
  hash: string;
  bytes: Uint8Array;
  payload: RecordPayload;
}

export type RecordDraft = Omit<RecordPayload, 'v' | 'author'>;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function recordHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function signRecord(key: SigningKey, draft: RecordDraft): SignedRecord {
  const payload: RecordPayload = { v: 1, author: key.publicKey, ...draft };
  const body = encoder.encode(canonicalJson(payload));
  const signature = signBytes(key, body);
  const bytes = new Uint8Array(SIGNATURE_BYTES + body.length);
  bytes.set(signature, 0);
  bytes.set(body, SIGNATURE_BYTES);
  return { hash: recordHash(bytes), bytes, payload };
}

export type DecodeResult = { ok: true; record: SignedRecord } | { ok: false; reason: string; hash: string };

/** Parses and checks one record: structure, canonical form and signature. Never throws. */
export function decodeRecord(bytes: Uint8Array, verifier: SignatureVerifier | null): DecodeResult {
  const hash = recordHash(bytes);
  if (bytes.length <= SIGNATURE_BYTES) return { ok: false, hash, reason: 'record too short to hold a signature' };
  const body = bytes.subarray(SIGNATURE_BYTES);
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(body));
  } catch {
    return { ok: false, hash, reason: 'payload is not UTF-8 JSON' };
  }
  const result = RecordPayloadSchema.safeParse(parsed);
  if (!result.success) return { ok: false, hash, reason: `payload malformed: ${result.error.issues[0]?.message ?? 'invalid'}` };
  const payload = result.data;
  let canonical: string;
  try {
    canonical = canonicalJson(parsed);
  } catch (error) {
    return { ok: false, hash, reason: `payload not canonical: ${(error as Error).message}` };
  }
  if (canonical !== decoder.decode(body)) return { ok: false, hash, reason: 'payload is not in canonical JSON form' };
  if (verifier && !verifier.verify(payload.author, body, bytes.subarray(0, SIGNATURE_BYTES))) {
    return { ok: false, hash, reason: `signature does not verify for author ${payload.author}` };
  }
  return { ok: true, record: { hash, bytes, payload } };
}

export function draftOf<K extends RecordKind>(kind: K, subject: string, seq: number, body: unknown, ts = Date.now()): RecordDraft {
  return { kind, subject, seq, ts, body };
}
