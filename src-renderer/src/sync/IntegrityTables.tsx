import type { CommandOutput } from '../../../src-shared/contract';
import { formatCount, shortKey } from '../format/numbers';
import { formatDateTime } from '../format/time';
import { DataTable, type Column } from '../table/DataTable';

type Quarantined = CommandOutput<'integrity.quarantine'>['items'][number];
type Conflict = CommandOutput<'integrity.conflicts'>['items'][number];
type Truncation = CommandOutput<'integrity.truncations'>['items'][number];

const QUARANTINE_COLUMNS: Array<Column<Quarantined>> = [
  { key: 'received', header: 'Received', cell: (q) => formatDateTime(q.receivedAt), sortValue: (q) => q.receivedAt, cellProps: () => ({ className: 'nowrap' }) },
  // The reason is the engine's text: shown as text (never markup) and selectable to copy.
  { key: 'reason', header: 'Reason', cell: (q) => q.reason, sortValue: (q) => q.reason, cellProps: () => ({ className: 'integrity-reason selectable', 'data-testid': 'quarantine-reason' }) },
  { key: 'kind', header: 'Kind', cell: (q) => <span className="badge badge-kind">{q.kind}</span>, sortValue: (q) => q.kind },
  { key: 'author', header: 'Author', cell: (q) => <code title={q.author}>{shortKey(q.author)}</code>, sortValue: (q) => q.author },
  { key: 'doc', header: 'Document', cell: (q) => <code>{q.doc}</code>, sortValue: (q) => q.doc, cellProps: (q) => ({ className: 'ellipsis', title: q.doc }) },
  {
    key: 'record',
    header: 'Record',
    cell: (q) => (
      <code className="hash" title={`${q.hash}\nsubject ${q.subject}`}>
        {q.hash.slice(0, 12)}…
      </code>
    ),
  },
];

/** Records that did not take effect, with the reason the engine gave. */
export function QuarantineTable({ items }: { items: readonly Quarantined[] }) {
  return (
    <DataTable
      rows={items}
      columns={QUARANTINE_COLUMNS}
      rowKey={(q) => `${q.hash}|${q.doc}`}
      label="Quarantined records"
      testId="quarantine-table"
      compact
      rowProps={(q) => ({ 'data-testid': 'quarantine-row', 'data-kind': q.kind, 'data-hash': q.hash })}
    />
  );
}

const CONFLICT_COLUMNS: Array<Column<Conflict>> = [
  { key: 'detected', header: 'Detected', cell: (c) => formatDateTime(c.detectedAt), sortValue: (c) => c.detectedAt, cellProps: () => ({ className: 'nowrap' }) },
  { key: 'kind', header: 'Kind', cell: (c) => c.kind, sortValue: (c) => c.kind },
  { key: 'author', header: 'Author', cell: (c) => <code title={c.author}>{shortKey(c.author)}</code>, sortValue: (c) => c.author },
  { key: 'subject', header: 'Subject', cell: (c) => <code>{c.subject}</code>, sortValue: (c) => c.subject, cellProps: (c) => ({ className: 'ellipsis', title: c.subject }) },
  { key: 'seq', header: 'Seq', numeric: true, cell: (c) => formatCount(c.seq), sortValue: (c) => c.seq },
  { key: 'records', header: 'Records', cell: (c) => `${formatCount(c.hashes.length)} versions`, sortValue: (c) => c.hashes.length, cellProps: (c) => ({ title: c.hashes.join('\n') }) },
];

/** Validly signed records that share one (author, kind, subject, seq): all kept, none silently wins. */
export function ConflictsTable({ items }: { items: readonly Conflict[] }) {
  return (
    <DataTable
      rows={items}
      columns={CONFLICT_COLUMNS}
      rowKey={(c) => `${c.author}|${c.kind}|${c.subject}|${c.seq}`}
      label="Conflicting records"
      testId="conflicts-table"
      compact
      rowProps={() => ({ 'data-testid': 'conflict-row' })}
    />
  );
}

const TRUNCATION_COLUMNS: Array<Column<Truncation>> = [
  { key: 'detected', header: 'Detected', cell: (t) => formatDateTime(t.detectedAt), sortValue: (t) => t.detectedAt, cellProps: () => ({ className: 'nowrap' }) },
  { key: 'doc', header: 'Document', cell: (t) => <code>{t.doc}</code>, sortValue: (t) => t.doc, cellProps: (t) => ({ className: 'ellipsis', title: t.url }) },
  { key: 'removed', header: 'Deleted', numeric: true, cell: (t) => formatCount(t.removed), sortValue: (t) => t.removed },
  { key: 'overwritten', header: 'Replaced', numeric: true, cell: (t) => formatCount(t.overwritten), sortValue: (t) => t.overwritten },
  { key: 'restored', header: 'Records put back', numeric: true, cell: (t) => formatCount(t.hashes.length), sortValue: (t) => t.hashes.length, cellProps: (t) => ({ title: t.hashes.join('\n') }) },
];

/** Shared documents in which a peer deleted or replaced records this engine held: every one was put back. */
export function TruncationsTable({ items }: { items: readonly Truncation[] }) {
  return (
    <DataTable
      rows={items}
      columns={TRUNCATION_COLUMNS}
      rowKey={(t) => `${t.url}|${t.detectedAt}`}
      label="Documents put back after truncation"
      testId="truncations-table"
      compact
      rowProps={() => ({ 'data-testid': 'truncation-row' })}
    />
  );
}
