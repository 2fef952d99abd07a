import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { RECORD_JSON_LIMITS } from '../../../src-shared/bounded-json';
import { UNVOUCHABLE_KINDS } from './batch';
import { SIGNATURE_BYTES } from './signed';

/**
 * The worker's whole program. It is plain JavaScript run with `eval: true` because the engine runs
 * from three loaders (tsx for the CLI and benches, vite-node in tests, the electron-vite bundle in
 * the app) and a worker *file* would need its own build entry and loader in each; this needs only
 * node:crypto. It does the two costly, context-free steps of a record check: the sha256 that names
 * it and the Ed25519 signature over its payload by the author the payload names (parsed from the
 * same bytes the main thread parses, so it is the same author). Everything else (structure,
 * canonical form, authority) stays in decodeRecord / RecordBook on the main thread.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash, createPublicKey, verify } = require('node:crypto');
const SIG = ${SIGNATURE_BYTES};
const MAX_PAYLOAD = ${RECORD_JSON_LIMITS.maxLength};
const UNVOUCHABLE = new Set(${JSON.stringify([...UNVOUCHABLE_KINDS])});
const keys = new Map();
// <record hash><author> for each record a valid batch by that author lists (the engine's thread checked the batch).
const vouched = new Set();
const decoder = new TextDecoder('utf-8', { fatal: true });
function keyOf(author) {
  let key = keys.get(author);
  if (key) return key;
  key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: author }, format: 'jwk' });
  if (keys.size > 100000) keys.clear();
  keys.set(author, key);
  return key;
}
// A payload the engine accepts is canonical JSON, whose first key is "author" (the smallest of the
// schema's keys): its bytes start with {"author":" and the key's base64url characters, read here
// without decoding and parsing the whole payload. Anything else takes JSON.parse; either way the
// author is the one the engine's thread parses from a payload it accepts.
const PREFIX = Buffer.from('{"author":"');
function isKeyChar(c) {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f;
}
function authorOf(body) {
  if (body.length > PREFIX.length && Buffer.compare(PREFIX, body.subarray(0, PREFIX.length)) === 0) {
    let end = PREFIX.length;
    while (end < body.length && isKeyChar(body[end])) end++;
    if (end > PREFIX.length && body[end] === 0x22) return Buffer.from(body.buffer, body.byteOffset + PREFIX.length, end - PREFIX.length).toString('latin1');
  }
  return JSON.parse(decoder.decode(body)).author;
}
// The payload's own kind: in canonical JSON, the last "kind":" in the bytes (see batch.ts kindOf).
const KIND_KEY = Buffer.from('"kind":"');
function vouchable(record) {
  const bytes = Buffer.from(record.buffer, record.byteOffset, record.byteLength);
  const at = bytes.lastIndexOf(KIND_KEY);
  if (at < SIG) return false;
  const end = bytes.indexOf(0x22, at + KIND_KEY.length);
  return end > 0 && !UNVOUCHABLE.has(bytes.toString('latin1', at + KIND_KEY.length, end));
}
function check(record) {
  // Over the size limit: the engine's thread refuses it unread (decodeRecord), so no work here.
  if (record.length <= SIG || record.length > SIG + MAX_PAYLOAD) return null;
  const hash = createHash('sha256').update(record).digest('hex');
  try {
    const author = authorOf(record.subarray(SIG));
    if (typeof author !== 'string') return null;
    // Listed by a valid batch of its own author: that one signature covers these very bytes.
    if (vouched.has(hash + author) && vouchable(record)) return hash;
    if (!verify(null, record.subarray(SIG), keyOf(author), record.subarray(0, SIG))) return null;
  } catch {
    return null;
  }
  return hash;
}
parentPort.on('message', ({ id, buffer, ends, vouches }) => {
  if (vouches) for (const key of vouches.split('\\n')) vouched.add(key);
  if (vouched.size > 1000000) vouched.clear();
  const bytes = new Uint8Array(buffer);
  const hashes = [];
  let start = 0;
  for (const end of ends) {
    hashes.push(check(bytes.subarray(start, end)));
    start = end;
  }
  parentPort.postMessage({ id, hashes });
});
`;

const MAX_VOUCHES = 1_000_000;

/** Per record, in order: its sha256 (hex) when its signature verifies, else null. */
export type Verdicts = Array<string | null>;

interface Job {
  resolve(hashes: Verdicts): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  /** How much of the vouch log this worker has been sent. */
  vouchesSent: number;
}

/** Records per message: small enough that work spreads over the workers, large enough to be cheap to post. */
const CHUNK = 256;

/**
 * Verifies record signatures on worker threads, off the engine's thread: a first sync of a 10k-model
 * catalog is ~20k verifications (~0.1 ms each), which would otherwise hold the thread that answers
 * commands. Answers only "these hashes carry a valid signature by the author they name"; a record
 * missing from the answer (bad signature, unparsable, or a worker that failed) is simply verified
 * again on the main thread, where it gets its precise quarantine reason.
 */
export class SignaturePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  /** [record hash, author] from valid batches, in the order learnt: each worker is sent what it lacks. */
  private readonly vouches: string[] = [];

  constructor(private readonly size = Math.max(1, Math.min(4, availableParallelism()))) {}

  /**
   * For each record, in order, its sha256 when its signature verifies (else null), so the engine's
   * thread need not hash it again. All null once closed.
   */
  /**
   * Records these batches vouch for (vouchKey(hash, author)): a worker answers their hash without
   * verifying their own signature (when the author matches and the kind is vouchable). The caller
   * checked the batches.
   */
  vouch(keys: readonly string[]): void {
    // Past this, records are simply verified one by one again: the log costs memory in every worker.
    if (this.vouches.length > MAX_VOUCHES) return;
    for (const key of keys) this.vouches.push(key);
  }

  async verified(records: readonly Uint8Array[]): Promise<Verdicts> {
    if (this.closed || records.length === 0) return records.map(() => null);
    const parts: Array<Promise<Verdicts>> = [];
    for (let i = 0; i < records.length; i += CHUNK) parts.push(this.post(records.slice(i, i + CHUNK)));
    return (await Promise.all(parts)).flat();
  }

  private post(records: readonly Uint8Array[]): Promise<Verdicts> {
    let total = 0;
    for (const r of records) total += r.length;
    const buffer = new ArrayBuffer(total);
    const view = new Uint8Array(buffer);
    const ends = new Uint32Array(records.length);
    let at = 0;
    records.forEach((r, i) => {
      view.set(r, at);
      at += r.length;
      ends[i] = at;
    });
    const slot = this.leastBusy();
    const id = this.nextId++;
    // One string: structured-cloning thousands of small strings cost the engine thread more than the records.
    const vouches = this.vouches.slice(slot.vouchesSent).join('\n');
    slot.vouchesSent = this.vouches.length;
    return new Promise<Verdicts>((resolve, reject) => {
      slot.jobs.set(id, { resolve, reject });
      // Both buffers move to the worker (no copy); the records themselves stay here.
      slot.worker.postMessage({ id, buffer, ends, vouches }, [buffer, ends.buffer]);
    });
  }

  /** An idle worker, else a new one while under `size`, else the one with the fewest jobs queued. */
  private leastBusy(): Slot {
    let best: Slot | undefined;
    for (const slot of this.slots) if (!best || slot.jobs.size < best.jobs.size) best = slot;
    if (best && (best.jobs.size === 0 || this.slots.length >= this.size)) return best;
    return this.spawn();
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    // Never what keeps a process alive: close() ends them, and an exiting process takes them along.
    worker.unref();
    const slot: Slot = { worker, jobs: new Map(), vouchesSent: 0 };
    worker.on('message', ({ id, hashes }: { id: number; hashes: Verdicts }) => {
      const job = slot.jobs.get(id);
      slot.jobs.delete(id);
      job?.resolve(hashes);
    });
    const fail = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      for (const job of slot.jobs.values()) job.reject(error);
      slot.jobs.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`signature worker exited (${code})`)));
    this.slots.push(slot);
    return slot;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }
}
