import type { LedgerEntryKind } from '../../../src-shared/ledger';

/**
 * Which account the explorer filters on. "user" and "producer" are the local identity's own
 * accounts, resolved when the query is built so the UI state never holds a key it did not type.
 */
export type AccountChoice = 'all' | 'user' | 'producer' | 'pool' | 'treasury' | 'other';

/** The ledger explorer's filters as typed, its page and the entry whose detail is open. */
export interface LedgerView {
  account: AccountChoice;
  /** The account typed when `account` is "other" (e.g. user:<key>). */
  accountText: string;
  kind: LedgerEntryKind | null;
  /** A model id (<producerKey>:<slug>) as typed or picked from an entry. */
  modelText: string;
  /** `<input type="datetime-local">` values; empty = unbounded. */
  fromText: string;
  toText: string;
  page: number;
  /** Hash of the entry shown in the detail panel. */
  selected: string | null;
}

export const INITIAL_LEDGER_VIEW: LedgerView = {
  account: 'all',
  accountText: '',
  kind: null,
  modelText: '',
  fromText: '',
  toText: '',
  page: 0,
  selected: null,
};

export type LedgerFilterPatch = Partial<Omit<LedgerView, 'page' | 'selected'>>;
