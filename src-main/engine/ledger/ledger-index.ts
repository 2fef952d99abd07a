import type { LedgerEntryBody } from '../../../src-shared/ledger';
import type { SignedRecord } from '../records/signed';
import { compareEntries } from './entry-rules';

/** An entry that took effect: valid, in its chain's valid prefix. */
export interface AppliedEntry {
  hash: string;
  record: SignedRecord;
  body: LedgerEntryBody;
  chain: string;
  seq: number;
  ts: number;
  kind: LedgerEntryBody['kind'];
}

export interface EntryQuery {
  account?: string;
  kind?: LedgerEntryBody['kind'];
  modelId?: string;
  from?: number;
  to?: number;
  offset?: number;
  limit?: number;
}

export interface EntryPage {
  total: number;
  items: Array<{ entry: AppliedEntry; amount: number | null; runningBalance: number | null }>;
  totals: { credits: number; debits: number; net: number };
}

/**
 * Entries kept in the ledger's one order (entry-rules compareEntries). Appends almost always land
 * at the end, so the list is re-sorted only when one does not.
 */
class OrderedEntries {
  private items: AppliedEntry[] = [];
  private sorted = true;
  private running: number[] | null = null;

  constructor(private readonly account: string | null) {}

  get size(): number {
    return this.items.length;
  }

  add(entry: AppliedEntry): void {
    const last = this.items[this.items.length - 1];
    if (last && compareEntries(last, entry) > 0) this.sorted = false;
    this.items.push(entry);
    this.running = null;
  }

  remove(hash: string): void {
    this.items = this.items.filter((e) => e.hash !== hash);
    this.running = null;
  }

  list(): AppliedEntry[] {
    if (!this.sorted) {
      this.items.sort(compareEntries);
      this.sorted = true;
    }
    return this.items;
  }

  /** The account's balance after each entry, in ledger order (computed when first asked for). */
  balances(): number[] {
    if (this.running) return this.running;
    const running: number[] = [];
    let balance = 0;
    for (const entry of this.list()) {
      balance += amountFor(entry, this.account!) ?? 0;
      running.push(balance);
    }
    this.running = running;
    return running;
  }

  lastTs(): number {
    return this.list()[this.items.length - 1]?.ts ?? 0;
  }
}

export function amountFor(entry: AppliedEntry, account: string): number | null {
  for (const p of entry.body.postings) if (p.account === account) return p.amount;
  return null;
}

/**
 * Balances and the entry list the commands query. In memory rather than an RxDB collection:
 * running balances are prefix sums in ledger order, which no RxDB query computes, and the memory
 * storage would hold the same rows anyway (DESIGN.md) while costing one of the 13 collections.
 */
export class LedgerIndex {
  private readonly all = new OrderedEntries(null);
  private readonly byHash = new Map<string, AppliedEntry>();
  private readonly accounts = new Map<string, { entries: OrderedEntries; balance: number }>();
  /** Per model, how many charges each identity paid: popularity without scanning the ledger. */
  private readonly payers = new Map<string, Map<string, number>>();

  get size(): number {
    return this.byHash.size;
  }

  get(hash: string): AppliedEntry | undefined {
    return this.byHash.get(hash);
  }

  add(entry: AppliedEntry): void {
    this.byHash.set(entry.hash, entry);
    this.all.add(entry);
    for (const { account, amount } of entry.body.postings) {
      let book = this.accounts.get(account);
      if (!book) this.accounts.set(account, (book = { entries: new OrderedEntries(account), balance: 0 }));
      book.entries.add(entry);
      book.balance += amount;
    }
    this.countPayer(entry, 1);
  }

  private countPayer(entry: AppliedEntry, delta: 1 | -1): void {
    const modelId = entry.kind === 'charge' ? entry.body.memo?.modelId : undefined;
    if (!modelId) return;
    let byPayer = this.payers.get(modelId);
    if (!byPayer) this.payers.set(modelId, (byPayer = new Map()));
    const count = (byPayer.get(entry.body.identity) ?? 0) + delta;
    if (count > 0) byPayer.set(entry.body.identity, count);
    else byPayer.delete(entry.body.identity);
  }

  /** The identities that paid for at least one call to the model. */
  payersOf(modelId: string): IterableIterator<string> {
    return (this.payers.get(modelId) ?? new Map<string, number>()).keys();
  }

  remove(entry: AppliedEntry): void {
    if (!this.byHash.delete(entry.hash)) return;
    this.all.remove(entry.hash);
    for (const { account, amount } of entry.body.postings) {
      const book = this.accounts.get(account);
      if (!book) continue;
      book.entries.remove(entry.hash);
      book.balance -= amount;
    }
    this.countPayer(entry, -1);
  }

  balance(account: string): number {
    return this.accounts.get(account)?.balance ?? 0;
  }

  entryCount(account: string): number {
    return this.accounts.get(account)?.entries.size ?? 0;
  }

  /** Time of the account's latest entry: a new charge is timed no earlier, so credits precede it. */
  lastTs(account: string): number {
    return this.accounts.get(account)?.entries.lastTs() ?? 0;
  }

  accountNames(): string[] {
    return [...this.accounts.keys()];
  }

  /** Newest first, filtered, paged, with totals over every match (not just the page). */
  query(q: EntryQuery): EntryPage {
    const { account } = q;
    const source = account ? this.accounts.get(account)?.entries : this.all;
    const page: EntryPage = { total: 0, items: [], totals: { credits: 0, debits: 0, net: 0 } };
    if (!source) return page;
    const list = source.list();
    const running = account ? source.balances() : null;
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 50;
    for (let i = list.length - 1; i >= 0; i--) {
      const entry = list[i]!;
      // The list is in time order: everything further back is older still.
      if (q.from !== undefined && entry.ts < q.from) break;
      if (q.kind && entry.kind !== q.kind) continue;
      if (q.modelId && entry.body.memo?.modelId !== q.modelId) continue;
      if (q.to !== undefined && entry.ts > q.to) continue;
      const amount = account ? amountFor(entry, account) : null;
      if (amount !== null) {
        if (amount >= 0) page.totals.credits += amount;
        else page.totals.debits -= amount;
      } else {
        // Without an account every entry balances to zero: the totals show the volume moved.
        for (const p of entry.body.postings) {
          if (p.amount >= 0) page.totals.credits += p.amount;
          else page.totals.debits -= p.amount;
        }
      }
      if (page.total >= offset && page.items.length < limit) page.items.push({ entry, amount, runningBalance: running ? running[i]! : null });
      page.total++;
    }
    page.totals.net = page.totals.credits - page.totals.debits;
    return page;
  }
}
