import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Engine } from '../../src-main/engine/engine';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The Automerge storage folder: its bytes are the repo's business; its content is counted as records. */
const DOCUMENT_STORAGE = 'docs';

async function localFiles(dataDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dataDir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (path.startsWith(`${DOCUMENT_STORAGE}/`) || path.includes('.tmp-')) continue;
    out.push(path);
  }
  return out.sort();
}

/**
 * A fingerprint of everything an engine stores, so a test can say "nothing was written":
 * sha256 over
 *  - the name of every document of engine.docs, and every record hash in it (`doc/hash`), sorted;
 *  - every other file of the data folder (settings.json, routing.json, decisions.jsonl,
 *    marketplace.json, root.json, identity/*.pem, secrets/api-keys.json, and whatever a new
 *    domain adds), by path, with the sha256 of its bytes.
 * Equal fingerprints before and after = no record added and no local file changed.
 */
export async function storeHash(engine: Engine): Promise<string> {
  return sha256((await storeLines(engine)).join('\n'));
}

/** What storeHash hashes, one line per document, record and local file (for a readable diff). */
export async function storeLines(engine: Engine): Promise<string[]> {
  const lines: string[] = [];
  for (const name of engine.docs.docNames()) {
    lines.push(`doc ${name}`);
    for (const [hash] of engine.docs.records(name)) lines.push(`record ${name}/${hash}`);
  }
  lines.sort();
  for (const file of await localFiles(engine.dataDir)) {
    const bytes = await readFile(join(engine.dataDir, ...file.split('/'))).catch((error: NodeJS.ErrnoException) => {
      // A journal file sealed and removed by a checkpoint between the listing and the read: it is
      // gone, so it is not part of the store (settledStoreHash then waits for two equal hashes).
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (bytes) lines.push(`file ${file} ${sha256(bytes)}`);
  }
  return lines;
}

/** Lines only in `before` (-) or only in `after` (+). */
export function storeDiff(before: readonly string[], after: readonly string[]): string[] {
  const a = new Set(before);
  const b = new Set(after);
  return [...before.filter((l) => !b.has(l)).map((l) => `- ${l}`), ...after.filter((l) => !a.has(l)).map((l) => `+ ${l}`)];
}

/**
 * The store's fingerprint once background writes (debounced bookkeeping such as sync's
 * acknowledgement file, written 1 s after the change) have finished: the same value twice
 * `quietMs` apart, which must be longer than any such debounce.
 */
export async function settledStoreHash(engine: Engine, quietMs = 1_200, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let previous = await storeHash(engine);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const current = await storeHash(engine);
    if (current === previous) return current;
    if (Date.now() > deadline) throw new Error(`the store kept changing for ${timeoutMs} ms`);
    previous = current;
  }
}
