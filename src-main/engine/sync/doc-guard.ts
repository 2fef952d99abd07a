import type { AutomergeUrl } from '@automerge/automerge-repo';
import { recordHash } from '../records/signed';
import { isDocName, recordsOf, type DocumentStore, type StoreChange } from '../store/documents';
import type { Incoming } from './ingest-queue';
import type { TruncationLog } from './truncations';

function sameBytes(a: unknown, b: unknown): boolean {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The keys of `records` a change touched, or null when it replaced the map itself (compare all). */
function touchedKeys(patches: ReadonlyArray<{ path: ReadonlyArray<string | number> }>): Set<string> | null {
  const keys = new Set<string>();
  for (const patch of patches) {
    if (patch.path[0] !== 'records' || patch.path.length < 2) return null;
    keys.add(String(patch.path[1]));
  }
  return keys;
}

export interface GuardHooks {
  received(items: Incoming[]): void;
  indexChanged(): void;
}

/**
 * Automerge documents have no access control: an authenticated peer can put anything in any
 * document, and delete keys. This watches every change that did not come from this engine:
 * - new or changed values go to the ingest queue (the RecordBook then accepts or quarantines them);
 * - a well-keyed record (key = sha256 of its bytes) that a peer deleted or replaced is put back
 *   (a replacement moves to its own hash key: it stays, quarantined);
 *   Records are immutable and never deleted, so what was there stays: the put-back is written in the
 *   same tick, before automerge-repo's throttled save runs (it always saves the latest document),
 *   so no saved state ever lacks them, and the deletion stays in the history only;
 * - index entries a peer removed from this engine's index are put back the same way.
 * Every removal is reported as a truncation.
 */
export class DocGuard {
  constructor(
    private readonly store: DocumentStore,
    private readonly truncations: TruncationLog,
    private readonly hooks: GuardHooks,
  ) {}

  private putBack(write: () => void): void {
    try {
      write();
    } catch (error) {
      console.error('sync: could not put back records a peer removed:', (error as Error).message);
    }
  }

  onChange(change: StoreChange): void {
    if (change.local) return;
    if (change.name === null) this.onIndexChange(change);
    else this.onRecordsChange(change.url, change.name, change);
  }

  /** Everything a newly adopted document holds goes to the queue. */
  takeIn(url: AutomergeUrl, name: string): void {
    const doc = this.store.document(url);
    if (!doc) return;
    const items: Incoming[] = [];
    for (const [key, value] of Object.entries(recordsOf(doc.handle.doc()))) {
      if (value instanceof Uint8Array) items.push({ doc: name, key, bytes: value });
    }
    this.hooks.received(items);
  }

  private onRecordsChange(url: AutomergeUrl, name: string, change: StoreChange): void {
    const before = recordsOf(change.payload.patchInfo.before);
    const after = recordsOf(change.payload.patchInfo.after);
    const keys = touchedKeys(change.payload.patches) ?? new Set([...Object.keys(before), ...Object.keys(after)]);
    const incoming: Incoming[] = [];
    const putBack: Array<[string, Uint8Array]> = [];
    let removed = 0;
    let overwritten = 0;
    for (const key of keys) {
      const old = before[key];
      const now = after[key];
      if (sameBytes(old, now)) continue;
      if (now instanceof Uint8Array) incoming.push({ doc: name, key, bytes: now });
      if (old instanceof Uint8Array && recordHash(old) === key) {
        putBack.push([key, old]);
        if (now === undefined) {
          removed++;
        } else {
          overwritten++;
          // The replacement is never deleted either: it moves to its own hash, where it stays
          // quarantined (and is found again after a restart).
          if (now instanceof Uint8Array && after[recordHash(now)] === undefined) putBack.push([recordHash(now), now]);
        }
      }
    }
    if (putBack.length > 0) {
      // After this change event finishes (a microtask runs before any timer, so before the save).
      queueMicrotask(() => this.putBack(() => this.store.write(url, putBack)));
      this.truncations.add({ doc: name, url, removed, overwritten, hashes: putBack.filter(([key]) => before[key] !== undefined).map(([key]) => key) });
    }
    this.hooks.received(incoming);
  }

  private onIndexChange(change: StoreChange): void {
    const before = (change.payload.patchInfo.before as { docs?: unknown } | undefined)?.docs;
    const after = (change.payload.patchInfo.after as { docs?: unknown } | undefined)?.docs;
    const was = typeof before === 'object' && before !== null ? (before as Record<string, unknown>) : {};
    const now = typeof after === 'object' && after !== null ? (after as Record<string, unknown>) : {};
    const putBack: Array<[AutomergeUrl, string]> = [];
    for (const [url, name] of Object.entries(was)) {
      if (isDocName(name) && now[url] !== name) putBack.push([url as AutomergeUrl, name]);
    }
    if (putBack.length > 0) {
      queueMicrotask(() => this.putBack(() => this.store.writeIndex(putBack)));
      this.truncations.add({ doc: 'index', url: this.store.indexUrl, removed: putBack.length, overwritten: 0, hashes: putBack.map(([url]) => url) });
    }
    this.hooks.indexChanged();
  }
}
