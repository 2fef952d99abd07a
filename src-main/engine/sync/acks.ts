import { join } from 'node:path';
import { getHeads, type Doc } from '@automerge/automerge';
import { decodeHeads, encodeHeads, type DocHandle, type UrlHeads } from '@automerge/automerge-repo';
import { JsonFile } from './json-file';

/**
 * A document's current heads as Automerge gives them (hex). `handle.heads()` encodes each one in
 * base58check (a JS double sha256): pending() looks at every document ten times a second during a
 * sync, and synced() runs for every sync message, so the encoded form is only for the file.
 */
function headsOf(handle: DocHandle<unknown>): string[] {
  return getHeads(handle.doc() as Doc<unknown>);
}

/** Stored heads back to hex; one that does not decode is dropped (its document then counts as pending). */
function decoded(heads: unknown[]): string[] {
  const out: string[] = [];
  for (const head of heads) {
    try {
      if (typeof head === 'string') out.push(...decodeHeads([head] as UrlHeads));
    } catch {
      // not a head this engine wrote
    }
  }
  return out;
}

interface Stored {
  acked: Record<string, string[]>;
  unacked: Record<string, number>;
}

/**
 * What no peer has acknowledged yet. automerge-repo reports each peer's sync state per document;
 * its `sharedHeads` are changes both sides hold. A document is pending while one of its current
 * heads is in no peer's shared heads; the records this engine appended to it since it was last
 * fully acknowledged are its pending records. Kept in the data folder (local), so "pending" after
 * a restart still means "never reached a peer", not "not re-confirmed this session".
 */
export class AckTracker {
  private readonly acked = new Map<string, Set<string>>();
  private readonly unacked = new Map<string, number>();
  private readonly file: JsonFile<Stored>;

  constructor(dataDir: string) {
    this.file = new JsonFile(join(dataDir, 'sync', 'acks.json'), 1_000);
  }

  async load(): Promise<void> {
    const stored = await this.file.read();
    // The file keeps heads as automerge-repo shows them (base58check); in memory they are hex.
    for (const [doc, heads] of Object.entries(stored?.acked ?? {})) if (Array.isArray(heads)) this.acked.set(doc, new Set(decoded(heads)));
    for (const [doc, n] of Object.entries(stored?.unacked ?? {})) if (typeof n === 'number') this.unacked.set(doc, n);
  }

  /** A peer's sync state for a document changed. Returns true when that made the document acknowledged. */
  synced(handle: DocHandle<unknown>, sharedHeads: readonly string[]): boolean {
    if (!handle.isReady()) return false;
    const id = handle.documentId;
    const set = this.acked.get(id) ?? new Set<string>();
    for (const head of sharedHeads) set.add(head);
    const heads = headsOf(handle);
    if (!heads.every((h) => set.has(h))) {
      this.acked.set(id, set);
      return false;
    }
    // Fully acknowledged: older heads are ancestors of these, so only these need remembering.
    const wasPending = this.unacked.has(id) || !sameSet(this.acked.get(id), heads);
    this.acked.set(id, new Set(heads));
    this.unacked.delete(id);
    if (wasPending) this.save();
    return wasPending;
  }

  /** This engine appended `count` records to a document. */
  appended(documentId: string, count: number): void {
    this.unacked.set(documentId, (this.unacked.get(documentId) ?? 0) + count);
    this.save();
  }

  pending(handles: Iterable<DocHandle<unknown>>): { docs: number; records: number } {
    let docs = 0;
    let records = 0;
    for (const handle of handles) {
      if (!handle.isReady()) continue;
      const set = this.acked.get(handle.documentId);
      if (set && headsOf(handle).every((h) => set.has(h))) continue;
      docs++;
      records += this.unacked.get(handle.documentId) ?? 0;
    }
    return { docs, records };
  }

  private save(): void {
    this.file.schedule(() => ({
      acked: Object.fromEntries([...this.acked].map(([doc, heads]) => [doc, encodeHeads([...heads])])),
      unacked: Object.fromEntries(this.unacked),
    }));
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

function sameSet(set: Set<string> | undefined, heads: readonly string[]): boolean {
  return set !== undefined && set.size === heads.length && heads.every((h) => set.has(h));
}
