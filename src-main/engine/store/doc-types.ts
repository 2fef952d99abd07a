import type { AutomergeUrl, DocHandle, DocHandleChangePayload } from '@automerge/automerge-repo';

/** A shared document: signed records as single bytes values keyed by their hash. */
export interface RecordDoc {
  records: Record<string, Uint8Array>;
}

/**
 * The index: every record document this engine knows, URL → name (e.g. `catalog/<producerKey>`).
 * Keyed by URL, not by name: two engines that each made a document for one name (two devices of a
 * producer, two offline reviewers of a model) both keep theirs through a merge, so no URL is lost;
 * a name may map to several URLs and its records are the union of theirs.
 */
export interface IndexDoc {
  docs: Record<string, string>;
}

export interface StoredDoc {
  url: AutomergeUrl;
  name: string;
  handle: DocHandle<RecordDoc>;
}

/** One change to a record document (name set) or to this engine's index (name null). */
export interface StoreChange {
  url: AutomergeUrl;
  name: string | null;
  /** True when this engine made the change (append, restore), false when it came from a peer. */
  local: boolean;
  payload: DocHandleChangePayload<unknown>;
}

/** A name in the index: printable, bounded; anything else a peer wrote there is ignored. */
export function isDocName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && name.length <= 200 && /^[\x21-\x7e]+$/.test(name);
}

/** The records map of a document, whatever a peer did to it (removed, replaced by a scalar). */
export function recordsOf(doc: unknown): Record<string, unknown> {
  const records = (doc as { records?: unknown } | undefined)?.records;
  return typeof records === 'object' && records !== null && !(records instanceof Uint8Array) ? (records as Record<string, unknown>) : {};
}
