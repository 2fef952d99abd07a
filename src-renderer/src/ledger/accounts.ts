import type { CommandInput } from '../../../src-shared/contract';
import { AccountSchema } from '../../../src-shared/ledger';
import { ModelIdSchema } from '../../../src-shared/ids';
import { shortKey } from '../format/numbers';
import { parseLocalDateTime } from '../format/time';
import type { AccountChoice, LedgerView } from '../state/ledger-view';

export const userAccount = (key: string) => `user:${key}`;
export const producerAccount = (key: string) => `producer:${key}`;

export const PAGE_SIZE = 50;

/** "you", "producer you", "user abcd1234…": accounts are long keys; the full one goes in a tooltip. */
export function accountLabel(account: string, me: string): string {
  if (account === 'pool:rewards') return 'rewards pool';
  if (account === 'treasury') return 'treasury';
  const [kind, key = ''] = account.split(':');
  if (key === me) return kind === 'user' ? 'you (wallet)' : 'you (producer)';
  return `${kind} ${shortKey(key)}`;
}

/** The slug of a model id is its readable part: "<producerKey>:support-agent-70b" → "support-agent-70b". */
export function modelSlug(modelId: string): string {
  return modelId.slice(modelId.indexOf(':') + 1);
}

export const ACCOUNT_CHOICES: ReadonlyArray<{ value: AccountChoice; label: string }> = [
  { value: 'all', label: 'All accounts' },
  { value: 'user', label: 'My wallet' },
  { value: 'producer', label: 'My producer earnings' },
  { value: 'pool', label: 'Rewards pool' },
  { value: 'treasury', label: 'Treasury' },
  { value: 'other', label: 'Other account…' },
];

export type LedgerProblems = Partial<Record<'account' | 'model' | 'from' | 'to', string>>;
export type EntriesInput = CommandInput<'ledger.entries'>;

function accountOf(view: LedgerView, me: string): { account?: string; problem?: string } {
  switch (view.account) {
    case 'all':
      return {};
    case 'user':
      return { account: userAccount(me) };
    case 'producer':
      return { account: producerAccount(me) };
    case 'pool':
      return { account: 'pool:rewards' };
    case 'treasury':
      return { account: 'treasury' };
    case 'other': {
      const text = view.accountText.trim();
      if (text === '') return {};
      return AccountSchema.safeParse(text).success ? { account: text } : { problem: 'Account: use user:<key>, producer:<key>, pool:rewards or treasury.' };
    }
  }
}

/**
 * The explorer's filters → the ledger.entries input. A filter that does not parse is left out of
 * the query and reported, so a half-typed key never empties the list unexpectedly.
 */
export function buildEntriesInput(view: LedgerView, me: string): { input: EntriesInput; problems: LedgerProblems } {
  const problems: LedgerProblems = {};
  const input: EntriesInput = { offset: view.page * PAGE_SIZE, limit: PAGE_SIZE };
  const { account, problem } = accountOf(view, me);
  if (account) input.account = account;
  if (problem) problems.account = problem;
  if (view.kind) input.kind = view.kind;
  const model = view.modelText.trim();
  if (model !== '') {
    if (ModelIdSchema.safeParse(model).success) input.modelId = model;
    else problems.model = 'Model: a model id looks like <producerKey>:<slug>.';
  }
  const from = view.fromText === '' ? null : parseLocalDateTime(view.fromText);
  const to = view.toText === '' ? null : parseLocalDateTime(view.toText);
  if (from && !from.ok) problems.from = `From: ${from.message}`;
  if (to && !to.ok) problems.to = `To: ${to.message}`;
  if (from?.ok && to?.ok && to.value < from.value) problems.to = 'To is before From.';
  else {
    if (from?.ok) input.from = from.value;
    // The picker has minute precision: "to 14:05" means up to the end of that minute (the engine's bound is inclusive).
    if (to?.ok) input.to = to.value + 59_999;
  }
  return { input, problems };
}
