import { MAX_BATCH_HASHES, type RecordKind } from '../../../src-shared/domain';
import type { SigningKey } from '../identity/keys';
import { draftOf, signRecord, SIGNATURE_BYTES, type SignedRecord } from './signed';

/**
 * Kinds a batch may not vouch for: ledger chains must stay verifiable record by record (exports and
 * the CLI verifier see no batches), and a batch never vouches for another batch.
 */
export const UNVOUCHABLE_KINDS: ReadonlySet<RecordKind> = new Set<RecordKind>(['ledger-entry', 'ledger-checkpoint', 'batch']);

/** How a batch's word for one record is looked up: the record's hash, then its author's key. */
export function vouchKey(hash: string, author: string): string {
  return hash + author;
}

/** Fewer records than this are not worth a batch: each would cost a peer one verify either way. */
export const BATCH_MIN = 8;

/**
 * In canonical JSON the payload's own `kind` comes after `body` (keys are sorted) and string values
 * escape their quotes, so the last `"kind":"` in the bytes is the payload's kind.
 */
const KIND_KEY = Buffer.from('"kind":"');
const BATCH_MARKER = Buffer.from('"kind":"batch"');

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * How far from its end a batch's payload names its kind: `"kind":"batch","seq":1,"subject":"batch:`,
 * 64 hex digits, `","ts":` with up to 16 digits, `,"v":1}` — under 160 bytes.
 */
const BATCH_TAIL = 160;

/**
 * A cheap pre-filter, run on every received record: only records that pass it are parsed as
 * batches. It looks at the payload's tail only (a first sync passes ~20k records through it).
 */
export function mayBeBatch(bytes: Uint8Array): boolean {
  if (bytes.length <= SIGNATURE_BYTES) return false;
  return asBuffer(bytes).indexOf(BATCH_MARKER, Math.max(SIGNATURE_BYTES, bytes.length - BATCH_TAIL)) >= 0;
}

/** The kind a canonical payload names, read without parsing it (null when it names none). */
export function kindOf(bytes: Uint8Array): string | null {
  const buffer = asBuffer(bytes);
  const at = buffer.lastIndexOf(KIND_KEY);
  if (at < SIGNATURE_BYTES) return null;
  const start = at + KIND_KEY.length;
  const end = buffer.indexOf(0x22, start);
  return end < 0 ? null : buffer.toString('latin1', start, end);
}

/**
 * Batches over `records` signed by `key`: the ones of vouchable kinds by that author. None when
 * there are fewer than `min` of them.
 */
export function signBatches(key: SigningKey, records: readonly SignedRecord[], ts: number, min = BATCH_MIN): SignedRecord[] {
  const hashes = records.filter((r) => r.payload.author === key.publicKey && !UNVOUCHABLE_KINDS.has(r.payload.kind)).map((r) => r.hash);
  return hashes.length < min ? [] : signBatchesOver(key, hashes, ts);
}

/** Batches listing these record hashes (records `key` signed), at most MAX_BATCH_HASHES each. */
export function signBatchesOver(key: SigningKey, hashes: readonly string[], ts: number): SignedRecord[] {
  const unique = [...new Set(hashes)].sort();
  const batches: SignedRecord[] = [];
  for (let i = 0; i < unique.length; i += MAX_BATCH_HASHES) {
    const part = unique.slice(i, i + MAX_BATCH_HASHES);
    batches.push(signRecord(key, draftOf('batch', `batch:${part[0]}`, 1, { hashes: part }, ts)));
  }
  return batches;
}
