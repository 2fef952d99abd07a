import type { CommandOutput } from '../../../src-shared/contract';
import { formatCount, shortKey } from '../format/numbers';
import { formatDateTime } from '../format/time';

type Quarantined = CommandOutput<'integrity.quarantine'>['items'][number];
type Conflict = CommandOutput<'integrity.conflicts'>['items'][number];
type Truncation = CommandOutput<'integrity.truncations'>['items'][number];

/** Records that did not take effect, with the reason the engine gave. */
export function QuarantineTable({ items }: { items: readonly Quarantined[] }) {
  return (
    <table className="data-table compact" data-testid="quarantine-table">
      <thead>
        <tr>
          <th>Received</th>
          <th>Reason</th>
          <th>Kind</th>
          <th>Author</th>
          <th>Document</th>
          <th>Record</th>
        </tr>
      </thead>
      <tbody>
        {items.map((q) => (
          <tr key={`${q.hash}|${q.doc}`} data-testid="quarantine-row" data-kind={q.kind} data-hash={q.hash}>
            <td className="nowrap">{formatDateTime(q.receivedAt)}</td>
            <td className="integrity-reason selectable" data-testid="quarantine-reason">
              {q.reason}
            </td>
            <td>
              <span className="badge badge-kind">{q.kind}</span>
            </td>
            <td>
              <code title={q.author}>{shortKey(q.author)}</code>
            </td>
            <td className="ellipsis" title={q.doc}>
              <code>{q.doc}</code>
            </td>
            <td>
              <code className="hash" title={`${q.hash}\nsubject ${q.subject}`}>
                {q.hash.slice(0, 12)}…
              </code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Validly signed records that share one (author, kind, subject, seq): all kept, none silently wins. */
export function ConflictsTable({ items }: { items: readonly Conflict[] }) {
  return (
    <table className="data-table compact" data-testid="conflicts-table">
      <thead>
        <tr>
          <th>Detected</th>
          <th>Kind</th>
          <th>Author</th>
          <th>Subject</th>
          <th className="num">Seq</th>
          <th>Records</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={`${c.author}|${c.kind}|${c.subject}|${c.seq}`} data-testid="conflict-row">
            <td className="nowrap">{formatDateTime(c.detectedAt)}</td>
            <td>{c.kind}</td>
            <td>
              <code title={c.author}>{shortKey(c.author)}</code>
            </td>
            <td className="ellipsis" title={c.subject}>
              <code>{c.subject}</code>
            </td>
            <td className="num">{formatCount(c.seq)}</td>
            <td title={c.hashes.join('\n')}>{formatCount(c.hashes.length)} versions</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Shared documents in which a peer deleted or replaced records this engine held: every one was put back. */
export function TruncationsTable({ items }: { items: readonly Truncation[] }) {
  return (
    <table className="data-table compact" data-testid="truncations-table">
      <thead>
        <tr>
          <th>Detected</th>
          <th>Document</th>
          <th className="num">Deleted</th>
          <th className="num">Replaced</th>
          <th>Records put back</th>
        </tr>
      </thead>
      <tbody>
        {items.map((t) => (
          <tr key={`${t.url}|${t.detectedAt}`} data-testid="truncation-row">
            <td className="nowrap">{formatDateTime(t.detectedAt)}</td>
            <td className="ellipsis" title={t.url}>
              <code>{t.doc}</code>
            </td>
            <td className="num">{formatCount(t.removed)}</td>
            <td className="num">{formatCount(t.overwritten)}</td>
            <td title={t.hashes.join('\n')}>{formatCount(t.hashes.length)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
