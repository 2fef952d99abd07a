import { hash as digest } from 'node:crypto';
import { jsonLimitProblem, RECORD_JSON_LIMITS } from '../../../src-shared/bounded-json';
import { canonicalJson } from '../../../src-shared/canonical-json';
import { RecordPayloadSchema, type RecordKind, type RecordPayload } from '../../../src-shared/domain';
import { signBytes, type SignatureVerifier, type SigningKey } from '../identity/keys';

/**
 * A signed record is ONE bytes value: 64-byte Ed25519 signature ‖ canonical JSON payload.
 * Stored as a single Automerge bytes value keyed by its hash (docs/architecture.md: field maps sync 10× slower).
 */
export const SIGNATURE_BYTES = 64;

/** The record format this engine reads and writes (RecordPayload.v); docs/sync.md "Records set aside". */
export const RECORD_FORMAT = 1;

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
  const payload: RecordPayload = { v: RECORD_FORMAT, author: key.publicKey, ...draft };
  const body = encoder.encode(canonicalJson(payload));
  const signature = signBytes(key, body);
  const bytes = new Uint8Array(SIGNATURE_BYTES + body.length);
  bytes.set(signature, 0);
  bytes.set(body, SIGNATURE_BYTES);
  return { hash: recordHash(bytes), bytes, payload };
}

export type DecodeResult =
  | { ok: true; record: SignedRecord }
  | { ok: false; reason: string; hash: string }
  /**
   * Signed in a format newer than RECORD_FORMAT: not forged, only not understood here yet. `author`
   * is the key the payload names (the envelope — signature ‖ canonical JSON with "v" and "author" —
   * is the same in every format), so its signature can still be checked.
   */
  | { ok: false; reason: string; hash: string; newer: { v: number; author: string | null; kind: string; subject: string } };

/**
 * Parses and checks one record: size and shape limits (before anything recursive), structure,
 * canonical form and signature (skipped when `verifier` is null). `hash`: its sha256, when the
 * caller already has it. Never throws: whatever a peer wrote is a reason, not an exception.
 */
export function decodeRecord(bytes: Uint8Array, verifier: SignatureVerifier | null, hash = recordHash(bytes)): DecodeResult {
  if (bytes.length <= SIGNATURE_BYTES) return { ok: false, hash, reason: 'record too short to hold a signature' };
  const tooLarge = sizeProblem(bytes);
  if (tooLarge) return { ok: false, hash, reason: tooLarge };
  const body = bytes.subarray(SIGNATURE_BYTES);
  let text: string;
  let value: unknown;
  try {
    text = decoder.decode(body);
    // Before anything recursive (the schema, the canonical check) touches the value.
    const limit = jsonLimitProblem(text, RECORD_JSON_LIMITS);
    if (limit) return { ok: false, hash, reason: `payload over the limits: ${limit}` };
    value = JSON.parse(text);
  } catch {
    return { ok: false, hash, reason: 'payload is not UTF-8 JSON' };
  }
  const newer = newerFormat(value);
  if (newer) return { ok: false, hash, reason: `record format v${newer.v} is newer than this engine's v${RECORD_FORMAT}: kept, applied once this engine is updated`, newer };
  const result = RecordPayloadSchema.safeParse(value);
  if (!result.success) return { ok: false, hash, reason: `payload malformed: ${result.error.issues[0]?.message ?? 'invalid'}` };
  const payload = result.data;
  let problem: string | null;
  try {
    problem = canonicalProblem(value, text);
  } catch (error) {
    // Not expected within the limits above; a reason all the same, never a throw out of an ingest loop.
    problem = `payload could not be checked: ${(error as Error).message}`;
  }
  if (problem) return { ok: false, hash, reason: problem };
  if (verifier && !verifier.verify(payload.author, body, bytes.subarray(0, SIGNATURE_BYTES))) {
    return { ok: false, hash, reason: `signature does not verify for author ${payload.author}` };
  }
  return { ok: true, record: { hash, bytes, payload } };
}

/**
 * Why a record is too large to be read, or null. UTF-8 takes at least one byte per UTF-16 unit, so
 * a payload within the limit in bytes is within it in characters: it is refused unread.
 */
export function sizeProblem(bytes: Uint8Array): string | null {
  const length = bytes.length - SIGNATURE_BYTES;
  return length > RECORD_JSON_LIMITS.maxLength ? `payload of ${length} bytes exceeds the limit of ${RECORD_JSON_LIMITS.maxLength}` : null;
}

/** A payload object whose integer "v" is above RECORD_FORMAT, with what it says of itself; else null. */
function newerFormat(value: unknown): { v: number; author: string | null; kind: string; subject: string } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { v, author, kind, subject } = value as Record<string, unknown>;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= RECORD_FORMAT) return null;
  const text = (x: unknown) => (typeof x === 'string' ? x.slice(0, 200) : 'unknown');
  return { v, author: typeof author === 'string' ? author : null, kind: text(kind), subject: text(subject) };
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
