import { useState } from 'react';
import type { EpochComputation } from '../../../src-shared/rewards';
import { formatCount, formatMoney, shortKey } from '../format/numbers';
import { DataTable, type Column } from '../table/DataTable';
import { thresholdChecks } from './explain';
import { formatMicro, formatPpm } from './format';
import type { SplitCheck } from './split-check';

type Model = EpochComputation['models'][number];
type Producer = EpochComputation['producers'][number];

const MODEL_COLUMNS: Array<Column<Model>> = [
  { key: 'model', header: 'Model', cell: (m) => m.name ?? m.modelId, sortValue: (m) => m.name ?? m.modelId, cellProps: (m) => ({ title: m.modelId }) },
  { key: 'payers', header: 'Paying users', numeric: true, cell: (m) => formatCount(m.payers), sortValue: (m) => m.payers },
  { key: 'calls', header: 'Calls', numeric: true, cell: (m) => formatCount(m.calls), sortValue: (m) => m.calls },
  { key: 'quality', header: 'Quality', numeric: true, cell: (m) => m.quality, sortValue: (m) => m.quality, cellProps: (m) => ({ title: `consensus ${m.consensus}, ${m.voters} voter(s)` }) },
  {
    key: 'latency',
    header: 'Latency',
    numeric: true,
    cell: (m) => m.latency.part,
    sortValue: (m) => m.latency.part,
    cellProps: (m) => ({ title: m.latency.medianMs === null ? 'no counted success' : `median ${m.latency.medianMs} ms vs ${m.latency.task} ${m.latency.taskMedianMs} ms` }),
  },
  { key: 'reliability', header: 'Reliability', numeric: true, cell: (m) => m.reliability.part, sortValue: (m) => m.reliability.part, cellProps: (m) => ({ title: `${m.reliability.ok} ok of ${m.reliability.counted} counted` }) },
  { key: 'perf', header: 'Perf', numeric: true, cell: (m) => m.perf, sortValue: (m) => m.perf },
  {
    key: 'score',
    header: 'Score = users × perf',
    numeric: true,
    cell: (m) => `${formatCount(m.payers)} × ${m.perf} = ${formatCount(m.score)}`,
    sortValue: (m) => m.score,
  },
];

function ModelRows({ producer, models }: { producer: Producer; models: Model[] }) {
  return (
    <DataTable
      rows={models}
      columns={MODEL_COLUMNS}
      rowKey={(m) => m.modelId}
      label={`Models of ${producer.name ?? shortKey(producer.producerKey)}`}
      testId="split-models"
      compact
      className="nested-table"
      rowProps={(m) => ({ 'data-testid': 'split-model', 'data-model-id': m.modelId })}
    />
  );
}

/**
 * Per producer, the inputs of its score (paying users, counted successes, its models' parts) and
 * its integer amount, recomputed here as ⌊D × score / total score⌋ next to the engine's.
 */
export function SplitTable({ c, check, me }: { c: EpochComputation; check: SplitCheck; me: string | null }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) => setOpen((prev) => (prev.has(key) ? new Set([...prev].filter((k) => k !== key)) : new Set([...prev, key])));
  const rowOf = new Map(check.rows.map((r) => [r.producerKey, r]));
  const columns: Array<Column<Producer>> = [
    {
      key: 'producer',
      header: 'Producer',
      cell: (p) => (
        <>
          <button type="button" className="link-button row-link" aria-expanded={open.has(p.producerKey)} data-testid="split-expand" onClick={() => toggle(p.producerKey)}>
            {open.has(p.producerKey) ? '▾' : '▸'} {p.name ?? shortKey(p.producerKey)}
          </button>
          {p.producerKey === me && <span className="badge badge-measured">you</span>}
        </>
      ),
      sortValue: (p) => p.name ?? p.producerKey,
      cellProps: (p) => ({ title: p.producerKey }),
    },
    { key: 'payers', header: 'Paying users', numeric: true, cell: (p) => formatCount(p.payers), sortValue: (p) => p.payers },
    { key: 'ok', header: 'Counted successes', numeric: true, cell: (p) => formatCount(p.okObservations), sortValue: (p) => p.okObservations },
    {
      key: 'threshold',
      header: 'Threshold',
      cell: (p) => {
        const unmet = thresholdChecks(p, c.params).filter((t) => !t.met);
        return unmet.length === 0 ? 'met' : unmet.map((t) => `${t.have} of ${t.need} ${t.label}`).join('; ');
      },
      cellProps: () => ({ 'data-testid': 'split-threshold' }),
    },
    { key: 'score', header: 'Score', numeric: true, cell: (p) => formatCount(p.score), sortValue: (p) => p.score },
    { key: 'share', header: 'Share', numeric: true, cell: (p) => formatPpm(p.sharePpm), sortValue: (p) => p.sharePpm },
    {
      key: 'expected',
      header: '⌊D × score / total⌋',
      numeric: true,
      cell: (p) => {
        const row = rowOf.get(p.producerKey)!;
        return `${formatMicro(row.expected)} ${row.matches ? '✓' : '✗'}`;
      },
      cellProps: (p) => ({ 'data-testid': 'split-expected', title: `⌊${check.distributable} × ${p.score} / ${check.totalScore}⌋` }),
    },
    { key: 'amount', header: 'Amount', numeric: true, cell: (p) => <strong>{formatMoney(p.amount)}</strong>, sortValue: (p) => p.amount, cellProps: () => ({ 'data-testid': 'split-amount' }) },
  ];
  return (
    <DataTable
      rows={c.producers}
      columns={columns}
      rowKey={(p) => p.producerKey}
      label="Split of the epoch's pool by producer"
      testId="split-table"
      compact
      className="split-table"
      rowProps={(p) => ({
        'data-testid': 'split-row',
        'data-producer-key': p.producerKey,
        'data-amount': p.amount,
        'data-matches': rowOf.get(p.producerKey)!.matches,
        className: p.producerKey === me ? 'row-mine' : undefined,
      })}
      detail={(p) =>
        open.has(p.producerKey) ? (
          <>
            <ModelRows producer={p} models={c.models.filter((m) => m.producerKey === p.producerKey)} />
            <p className="muted">Producer score = {p.qualified ? `Σ model scores = ${formatCount(p.score)}` : '0: below the activity threshold, its models’ scores do not count'}.</p>
          </>
        ) : null
      }
      footer={
        <tr data-testid="split-total">
          <th scope="row" colSpan={4}>
            Total
          </th>
          <td className="num">{formatCount(check.totalScore)}</td>
          <td />
          <td />
          <td className="num" data-micro={check.paidSum}>
            <strong>{formatMoney(check.paidSum)}</strong>
          </td>
        </tr>
      }
    />
  );
}
