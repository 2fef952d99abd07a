import { isValidAutomergeUrl, type AutomergeUrl, type DocHandle } from '@automerge/automerge-repo';
import { isDocName, type DocumentStore, type IndexDoc, type StoredDoc } from '../store/documents';

/** More documents than any marketplace this design targets: a bound against a peer listing junk. */
export const MAX_DOCS = 200_000;
const PARALLEL_ADOPTIONS = 64;

/**
 * The marketplace document first (a join waits for its config), then identities (certificates that
 * other records need), then the rest in index order: a large first sync shows a usable app early.
 */
export function adoptionOrder<T extends [string, string]>(entries: T[]): T[] {
  const rank = (name: string) => (name === 'market' ? 0 : name.startsWith('identity/') ? 1 : 2);
  return entries.sort((a, b) => rank(a[1]) - rank(b[1]));
}

/** The entries of an index this engine does not hold yet (checking a URL costs a base58check decode). */
function newEntries(handle: DocHandle<IndexDoc>, known: (url: string) => boolean): Array<[AutomergeUrl, string]> {
  if (!handle.isReady()) return [];
  const docs = (handle.doc() as { docs?: unknown } | undefined)?.docs;
  if (typeof docs !== 'object' || docs === null) return [];
  return adoptionOrder(
    Object.entries(docs as Record<string, unknown>).filter(
      (e): e is [AutomergeUrl, string] => !known(e[0]) && isDocName(e[1]) && isValidAutomergeUrl(e[0]),
    ),
  );
}

/**
 * Learns which documents exist from peers' index documents. Each peer names its index in the
 * handshake; this engine follows it (a read of an ordinary shared document), and every entry it does
 * not hold yet is fetched and then listed in its own index too. So a relay's index comes to list every
 * document it has seen, and a desktop that only ever meets the relay learns them all from it.
 */
export class IndexFollower {
  private readonly followed = new Map<AutomergeUrl, DocHandle<IndexDoc>>();
  private readonly wanted = new Map<AutomergeUrl, string>();
  private readonly adopting = new Set<AutomergeUrl>();
  /** Wanted documents no connected peer had at the last try: retried on the next retry(). */
  private readonly parked = new Set<AutomergeUrl>();

  constructor(
    private readonly store: DocumentStore,
    private readonly adopted: (doc: StoredDoc) => void,
  ) {}

  /** Documents known to exist (held or wanted). */
  get known(): number {
    return this.store.size + this.wanted.size;
  }

  get busy(): boolean {
    return this.adopting.size > 0;
  }

  async follow(url: AutomergeUrl): Promise<void> {
    if (url === this.store.indexUrl) return this.scanOwn();
    if (this.followed.has(url)) return this.scan(this.followed.get(url)!);
    let handle: DocHandle<IndexDoc>;
    try {
      handle = await this.store.repo.find<IndexDoc>(url, { allowableStates: ['ready', 'unavailable'] });
    } catch (error) {
      console.error(`sync: cannot follow index ${url}: ${(error as Error).message}`);
      return;
    }
    if (this.followed.has(url)) return;
    this.followed.set(url, handle);
    // Fires when the index first arrives and whenever its owner lists a new document.
    handle.on('change', () => this.scan(handle));
    this.scan(handle);
  }

  /** Entries peers wrote into this engine's own index, and ones whose document never arrived. */
  scanOwn(): void {
    for (const [url, name] of newEntries(this.store.index, this.isKnown)) this.want(url, name);
    for (const [url, name] of this.store.missingDocuments()) this.want(url, name);
    this.pump();
  }

  /** Tries every wanted document again (a new peer may have it). */
  retry(): void {
    this.parked.clear();
    for (const handle of this.followed.values()) this.scan(handle);
    this.scanOwn();
  }

  private readonly isKnown = (url: string): boolean => this.store.document(url as AutomergeUrl) !== undefined || this.wanted.has(url as AutomergeUrl);

  private scan(handle: DocHandle<IndexDoc>): void {
    for (const [url, name] of newEntries(handle, this.isKnown)) this.want(url, name);
    this.pump();
  }

  private want(url: AutomergeUrl, name: string): void {
    if (this.store.document(url) || this.wanted.has(url)) return;
    if (this.known >= MAX_DOCS) return;
    this.wanted.set(url, name);
  }

  private pump(): void {
    for (const [url, name] of this.wanted) {
      if (this.adopting.size >= PARALLEL_ADOPTIONS) return;
      if (this.adopting.has(url) || this.parked.has(url)) continue;
      this.adopting.add(url);
      void this.store
        .adopt(url, name)
        .then((doc) => {
          if (!doc) {
            this.parked.add(url);
            return;
          }
          this.wanted.delete(url);
          this.adopted(doc);
        })
        .catch((error: unknown) => {
          this.parked.add(url);
          console.error(`sync: cannot fetch ${name}: ${(error as Error).message}`);
        })
        .finally(() => {
          this.adopting.delete(url);
          this.pump();
        });
    }
  }
}
