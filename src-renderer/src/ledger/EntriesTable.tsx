import type { CommandOutput } from '../../../src-shared/contract';
import { formatMoney } from '../format/numbers';
import { formatDateTime } from '../format/time';
import { accountLabel, modelSlug } from './accounts';

type Page = CommandOutput<'ledger.entries'>;
type Entry = Page['items'][number];

/** Without an account filter an entry nets to zero; what it moved is the sum of its credits. */
export function movedBy(entry: Entry): number {
  return entry.postings.reduce((sum, p) => (p.amount > 0 ? sum + p.amount : sum), 0);
}

/** What an entry is about, in a few words: the model of a charge, the receiver of a deposit. */
function subjectOf(entry: Entry, me: string): string {
  if (entry.memo) return modelSlug(entry.memo.modelId);
  const credited = entry.postings.find((p) => p.amount > 0);
  const to = credited ? `to ${accountLabel(credited.account, me)}` : '';
  return entry.note ? `${to} · ${entry.note}` : to;
}

/** One page of entries, newest first; a running balance column when one account is shown. */
export function EntriesTable({ page, me, byAccount, selected, onSelect }: { page: Page; me: string; byAccount: boolean; selected: string | null; onSelect(hash: string): void }) {
  return (
    <table className="data-table compact nowrap ledger-table" data-testid="ledger-table">
      <thead>
        <tr>
          <th>Time</th>
          <th>Kind</th>
          <th>Model / note</th>
          <th className="num">{byAccount ? 'Amount' : 'Moved'}</th>
          {byAccount && <th className="num">Balance after</th>}
          <th>Chain · seq</th>
        </tr>
      </thead>
      <tbody>
        {page.items.map((entry) => (
          <tr
            key={entry.hash}
            className="clickable"
            aria-selected={entry.hash === selected}
            data-testid="ledger-row"
            data-hash={entry.hash}
            data-kind={entry.kind}
            tabIndex={0}
            onClick={() => onSelect(entry.hash)}
            onKeyDown={(event) => event.key === 'Enter' && onSelect(entry.hash)}
          >
            <td>{formatDateTime(entry.ts)}</td>
            <td>
              <span className={`badge badge-entry-${entry.kind}`}>{entry.kind}</span>
            </td>
            <td className="ellipsis" title={entry.memo?.modelId ?? entry.note}>
              {subjectOf(entry, me)}
            </td>
            <td className={`num${entry.amount !== null && entry.amount < 0 ? ' negative' : ''}`} data-testid="ledger-amount">
              {byAccount ? (entry.amount === null ? '—' : formatMoney(entry.amount)) : formatMoney(movedBy(entry))}
            </td>
            {byAccount && (
              <td className="num" data-testid="ledger-running">
                {entry.runningBalance === null ? '—' : formatMoney(entry.runningBalance)}
              </td>
            )}
            <td className="muted">
              <code title={entry.chain}>{entry.chain.slice(0, 6)}…</code> · {entry.seq}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
