import type { CommandOutput } from '../../../src-shared/contract';
import { formatMoney } from '../format/numbers';
import { formatDateTime } from '../format/time';
import { DataTable, type Column } from '../table/DataTable';
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
  const amountOf = (entry: Entry) => (byAccount ? entry.amount : movedBy(entry));
  const columns: Array<Column<Entry>> = [
    { key: 'time', header: 'Time', cell: (e) => formatDateTime(e.ts), sortValue: (e) => e.ts },
    { key: 'kind', header: 'Kind', cell: (e) => <span className={`badge badge-entry-${e.kind}`}>{e.kind}</span>, sortValue: (e) => e.kind },
    {
      key: 'subject',
      header: 'Model / note',
      cell: (e) => subjectOf(e, me),
      sortValue: (e) => subjectOf(e, me),
      cellProps: (e) => ({ className: 'ellipsis', title: e.memo?.modelId ?? e.note }),
    },
    {
      key: 'amount',
      header: byAccount ? 'Amount' : 'Moved',
      numeric: true,
      cell: (e) => {
        const amount = amountOf(e);
        return amount === null ? '—' : formatMoney(amount);
      },
      // An entry without an amount for the account sorts below every real amount.
      sortValue: (e) => amountOf(e) ?? Number.NEGATIVE_INFINITY,
      cellProps: (e) => ({ className: e.amount !== null && e.amount < 0 ? 'negative' : undefined, 'data-testid': 'ledger-amount' }),
    },
    ...(byAccount
      ? [
          {
            key: 'running',
            header: 'Balance after',
            numeric: true,
            cell: (e: Entry) => (e.runningBalance === null ? '—' : formatMoney(e.runningBalance)),
            cellProps: () => ({ 'data-testid': 'ledger-running' }),
          },
        ]
      : []),
    {
      key: 'chain',
      header: 'Chain · seq',
      cell: (e) => (
        <>
          <code title={e.chain}>{e.chain.slice(0, 6)}…</code> · {e.seq}
        </>
      ),
      cellProps: () => ({ className: 'muted' }),
    },
  ];
  return (
    <DataTable
      rows={page.items}
      columns={columns}
      rowKey={(e) => e.hash}
      label="Ledger entries"
      testId="ledger-table"
      compact
      className="nowrap ledger-table"
      onRowActivate={(e) => onSelect(e.hash)}
      rowProps={(e) => ({ 'aria-selected': e.hash === selected, 'data-testid': 'ledger-row', 'data-hash': e.hash, 'data-kind': e.kind })}
    />
  );
}
