import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
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
const keys = new Map();
const decoder = new TextDecoder('utf-8', { fatal: true });
function keyOf(author) {
  let key = keys.get(author);
  if (key) return key;
  key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: author }, format: 'jwk' });
  if (keys.size > 100000) keys.clear();
  keys.set(author, key);
  return key;
}
function check(record) {
  if (record.length <= SIG) return null;
  try {
    const author = JSON.parse(decoder.decode(record.subarray(SIG))).author;
    if (typeof author !== 'string') return null;
    if (!verify(null, record.subarray(SIG), keyOf(author), record.subarray(0, SIG))) return null;
  } catch {
    return null;
  }
  return createHash('sha256').update(record).digest('hex');
}
parentPort.on('message', ({ id, buffer, ends }) => {
  const bytes = new Uint8Array(buffer);
  const verified = [];
  let start = 0;
  for (const end of ends) {
    const hash = check(bytes.subarray(start, end));
    if (hash !== null) verified.push(hash);
    start = end;
  }
  parentPort.postMessage({ id, verified });
});
`;

interface Job {
  resolve(hashes: string[]): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
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

  constructor(private readonly size = Math.max(1, Math.min(4, availableParallelism()))) {}

  /** The hashes of those records whose signature verifies. */
  async verified(records: readonly Uint8Array[]): Promise<string[]> {
    if (this.closed || records.length === 0) return [];
    const parts: Array<Promise<string[]>> = [];
    for (let i = 0; i < records.length; i += CHUNK) parts.push(this.post(records.slice(i, i + CHUNK)));
    return (await Promise.all(parts)).flat();
  }

  private post(records: readonly Uint8Array[]): Promise<string[]> {
    let total = 0;
    for (const r of records) total += r.length;
    const buffer = new ArrayBuffer(total);
    const view = new Uint8Array(buffer);
    const ends: number[] = [];
    let at = 0;
    for (const r of records) {
      view.set(r, at);
      at += r.length;
      ends.push(at);
    }
    const slot = this.leastBusy();
    const id = this.nextId++;
    return new Promise<string[]>((resolve, reject) => {
      slot.jobs.set(id, { resolve, reject });
      slot.worker.postMessage({ id, buffer, ends }, [buffer]);
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
    const slot: Slot = { worker, jobs: new Map() };
    worker.on('message', ({ id, verified }: { id: number; verified: string[] }) => {
      const job = slot.jobs.get(id);
      slot.jobs.delete(id);
      job?.resolve(verified);
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
