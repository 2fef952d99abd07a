import { hash as sha256 } from 'node:crypto';
import { jsonLimitProblem, parseBoundedJson, RECORD_JSON_LIMITS, type JsonLimits } from '../../../src-shared/bounded-json';
import { canonicalJson } from '../../../src-shared/canonical-json';
import { RecordPayloadSchema, type RecordPayload } from '../../../src-shared/domain';
import type { SignatureVerifier } from '../identity/keys';

/**
 * The open export format (docs/ledger-format.md): JSON Lines, a header, then every record that
 * money depends on as the exact bytes its author signed, then consistency proofs between checkpoints.
 * Pure (node:crypto and the shared schemas): the standalone verifier reads it with nothing else.
 */
export const EXPORT_FORMAT = 'infiniroute-ledger';
/**
 * 2: a forked chain's entries all count (docs/ledger-format.md "Forks"). Version 1 files are still
 * verified under their own rule, where a chain's valid prefix ends at its first equivocation.
 */
export const EXPORT_VERSION = 2;
export const READABLE_VERSIONS: readonly number[] = [1, 2];

/**
 * One line of an export: a record line carries up to a record's limit of payload as base64 (4/3 of
 * it, and each character may be 3 UTF-8 bytes), so lines get four times the record's length.
 */
export const EXPORT_LINE_LIMITS: JsonLimits = { ...RECORD_JSON_LIMITS, maxLength: 4 * RECORD_JSON_LIMITS.maxLength + 4096 };
const SIGNATURE_BYTES = 64;

export interface HeaderLine {
  type: 'header';
  format: typeof EXPORT_FORMAT;
  version: number;
  /** The marketplace id (its treasury key) the exporter belongs to; unsigned, a hint only. */
  marketplace: string | null;
  exportedAt: number;
  /** How many record lines follow: a file cut short is caught even where no checkpoint covers it. */
  records: number;
}

export interface RecordLine {
  type: 'record';
  /** Lowercase hex SHA-256 of the bytes. */
  hash: string;
  /** Standard base64 of signature (64 bytes) ‖ canonical JSON payload. */
  bytes: string;
}

export interface ConsistencyLine {
  type: 'consistency';
  chain: string;
  first: number;
  second: number;
  proof: string[];
}

export type ExportLine = HeaderLine | RecordLine | ConsistencyLine;

export function recordLine(hash: string, bytes: Uint8Array): RecordLine {
  return { type: 'record', hash, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
}

export type DecodedLine =
  | { ok: true; hash: string; bytes: Buffer; payload: RecordPayload; signatureOk: boolean }
  | { ok: false; hash: string | null; payload: RecordPayload | null; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * One record line, checked like a peer checks a record: the bytes hash to the stated hash, the
 * payload is canonical JSON of a valid record payload, and (when a verifier is given) the signature
 * verifies for the payload's author. The payload is returned even when the signature fails, so a
 * report can name the entry that was forged.
 */
export function decodeRecordLine(line: Partial<RecordLine>, verifier: SignatureVerifier | null): DecodedLine {
  if (typeof line.bytes !== 'string' || typeof line.hash !== 'string') return { ok: false, hash: null, payload: null, reason: 'a record line needs "hash" and "bytes" strings' };
  const bytes = Buffer.from(line.bytes, 'base64');
  const hash = sha256('sha256', bytes, 'hex');
  if (bytes.length <= SIGNATURE_BYTES) return { ok: false, hash, payload: null, reason: 'record too short to hold a signature' };
  const body = bytes.subarray(SIGNATURE_BYTES);
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { ok: false, hash, payload: null, reason: 'payload is not UTF-8 JSON' };
  }
  // Limits first: the schema and the canonical-form walk below recurse over the value.
  const beyond = jsonLimitProblem(text, RECORD_JSON_LIMITS);
  if (beyond) return { ok: false, hash, payload: null, reason: `payload refused: ${beyond}` };
  const bounded = parseBoundedJson(text, RECORD_JSON_LIMITS);
  if (!bounded.ok) return { ok: false, hash, payload: null, reason: 'payload is not UTF-8 JSON' };
  const parsed = bounded.value;
  const result = RecordPayloadSchema.safeParse(parsed);
  if (!result.success) return { ok: false, hash, payload: null, reason: `payload malformed: ${result.error.issues[0]?.message ?? 'invalid'}` };
  const payload = result.data;
  if (!isCanonical(parsed, text)) return { ok: false, hash, payload, reason: 'payload is not in canonical JSON form' };
  const signatureOk = verifier ? verifier.verify(payload.author, body, bytes.subarray(0, SIGNATURE_BYTES)) : true;
  // A forged record is reported as forged, whatever hash its line claims.
  if (signatureOk && hash !== line.hash) return { ok: false, hash, payload, reason: `the line says hash ${line.hash.slice(0, 16)}…, the bytes hash to ${hash.slice(0, 16)}…` };
  return { ok: true, hash, bytes, payload, signatureOk };
}

/**
 * Whether `text` is the canonical JSON of `parsed`. The fast path (native stringify, then a walk
 * checking key order and integers) gives the same answer as re-encoding with canonicalJson and
 * costs a third as much, which matters when verifying hundreds of thousands of records; objects
 * whose keys JS reorders (integer-like keys) fall back to the full re-encoding.
 */
function isCanonical(parsed: unknown, text: string): boolean {
  if (JSON.stringify(parsed) === text && sortedWithSafeIntegers(parsed)) return true;
  try {
    return canonicalJson(parsed) === text;
  } catch {
    return false;
  }
}

function sortedWithSafeIntegers(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(sortedWithSafeIntegers);
  let previous: string | null = null;
  for (const key in value) {
    if (previous !== null && !(previous < key)) return false;
    previous = key;
    if (!sortedWithSafeIntegers((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}
