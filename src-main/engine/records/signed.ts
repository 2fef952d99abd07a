import { hash as digest } from 'node:crypto';
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
  /** The body as its kind's schema parsed it, set by the RecordBook once it accepted the record. */
  parsedBody?: unknown;
}

export type RecordDraft = Omit<RecordPayload, 'v' | 'author'>;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function recordHash(bytes: Uint8Array): string {
  return digest('sha256', bytes, 'hex');
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

/**
 * Parses and checks one record: structure, canonical form and signature (skipped when `verifier` is
 * null). `hash`: its sha256, when the caller already has it. Never throws.
 */
export function decodeRecord(bytes: Uint8Array, verifier: SignatureVerifier | null, hash = recordHash(bytes)): DecodeResult {
  if (bytes.length <= SIGNATURE_BYTES) return { ok: false, hash, reason: 'record too short to hold a signature' };
  const body = bytes.subarray(SIGNATURE_BYTES);
  let parsed: unknown;
  let text: string;
  try {
    text = decoder.decode(body);
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, hash, reason: 'payload is not UTF-8 JSON' };
  }
  const result = RecordPayloadSchema.safeParse(parsed);
  if (!result.success) return { ok: false, hash, reason: `payload malformed: ${result.error.issues[0]?.message ?? 'invalid'}` };
  const payload = result.data;
  const problem = canonicalProblem(parsed, text);
  if (problem) return { ok: false, hash, reason: problem };
  if (verifier && !verifier.verify(payload.author, body, bytes.subarray(0, SIGNATURE_BYTES))) {
    return { ok: false, hash, reason: `signature does not verify for author ${payload.author}` };
  }
  return { ok: true, record: { hash, bytes, payload } };
}

/** Every object's keys in UTF-16 order (as canonicalJson sorts them) and every number a safe integer. */
function sortedAndWhole(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(sortedAndWhole);
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && keys[i - 1]! >= keys[i]!) return false;
    if (!sortedAndWhole((value as Record<string, unknown>)[keys[i]!])) return false;
  }
  return true;
}

/**
 * Why `text` is not the canonical JSON of `parsed` (its own JSON.parse), or null. For such a value
 * JSON.stringify *is* canonicalJson (same escaping, same key order, integers only), and it is native:
 * a first sync checks ~20k records, and building the canonical form in JS cost the engine's thread
 * ~15 µs a record. Anything else (e.g. integer-like keys, which JS enumerates first) takes the full path.
 */
function canonicalProblem(parsed: unknown, text: string): string | null {
  if (sortedAndWhole(parsed) && JSON.stringify(parsed) === text) return null;
  let canonical: string;
  try {
    canonical = canonicalJson(parsed);
  } catch (error) {
    return `payload not canonical: ${(error as Error).message}`;
  }
  return canonical === text ? null : 'payload is not in canonical JSON form';
}

export function draftOf<K extends RecordKind>(kind: K, subject: string, seq: number, body: unknown, ts = Date.now()): RecordDraft {
  return { kind, subject, seq, ts, body };
}
