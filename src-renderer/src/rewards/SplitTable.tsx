import { Fragment, useState } from 'react';
import type { EpochComputation } from '../../../src-shared/rewards';
import { formatCount, formatMoney, shortKey } from '../format/numbers';
import { thresholdChecks } from './explain';
import { formatMicro, formatPpm } from './format';
import type { SplitCheck } from './split-check';

type Model = EpochComputation['models'][number];

function ModelRows({ models }: { models: Model[] }) {
  return (
    <table className="data-table compact nested-table" data-testid="split-models">
      <thead>
        <tr>
          <th>Model</th>
          <th className="num">Paying users</th>
          <th className="num">Calls</th>
          <th className="num">Quality</th>
          <th className="num">Latency</th>
          <th className="num">Reliability</th>
          <th className="num">Perf</th>
          <th className="num">Score = users × perf</th>
        </tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr key={m.modelId} data-testid="split-model" data-model-id={m.modelId}>
            <td title={m.modelId}>{m.name ?? m.modelId}</td>
            <td className="num">{formatCount(m.payers)}</td>
            <td className="num">{formatCount(m.calls)}</td>
            <td className="num" title={`consensus ${m.consensus}, ${m.voters} voter(s)`}>
              {m.quality}
            </td>
            <td className="num" title={m.latency.medianMs === null ? 'no counted success' : `median ${m.latency.medianMs} ms vs ${m.latency.task} ${m.latency.taskMedianMs} ms`}>
              {m.latency.part}
            </td>
            <td className="num" title={`${m.reliability.ok} ok of ${m.reliability.counted} counted`}>
              {m.reliability.part}
            </td>
            <td className="num">{m.perf}</td>
            <td className="num">
              {formatCount(m.payers)} × {m.perf} = {formatCount(m.score)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
  return (
    <table className="data-table compact split-table" data-testid="split-table">
      <thead>
        <tr>
          <th>Producer</th>
          <th className="num">Paying users</th>
          <th className="num">Counted successes</th>
          <th>Threshold</th>
          <th className="num">Score</th>
          <th className="num">Share</th>
          <th className="num">⌊D × score / total⌋</th>
          <th className="num">Amount</th>
        </tr>
      </thead>
      <tbody>
        {c.producers.map((p) => {
          const row = rowOf.get(p.producerKey)!;
          const models = c.models.filter((m) => m.producerKey === p.producerKey);
          const unmet = thresholdChecks(p, c.params).filter((t) => !t.met);
          return (
            <Fragment key={p.producerKey}>
              <tr data-testid="split-row" data-producer-key={p.producerKey} data-amount={p.amount} data-matches={row.matches} className={p.producerKey === me ? 'row-mine' : undefined}>
                <td title={p.producerKey}>
                  <button type="button" className="link-button row-link" aria-expanded={open.has(p.producerKey)} data-testid="split-expand" onClick={() => toggle(p.producerKey)}>
                    {open.has(p.producerKey) ? '▾' : '▸'} {p.name ?? shortKey(p.producerKey)}
                  </button>
                  {p.producerKey === me && <span className="badge badge-measured">you</span>}
                </td>
                <td className="num">{formatCount(p.payers)}</td>
                <td className="num">{formatCount(p.okObservations)}</td>
                <td data-testid="split-threshold">{unmet.length === 0 ? 'met' : unmet.map((t) => `${t.have} of ${t.need} ${t.label}`).join('; ')}</td>
                <td className="num">{formatCount(p.score)}</td>
                <td className="num">{formatPpm(p.sharePpm)}</td>
                <td className="num" data-testid="split-expected" title={`⌊${check.distributable} × ${p.score} / ${check.totalScore}⌋`}>
                  {formatMicro(row.expected)} {row.matches ? '✓' : '✗'}
                </td>
                <td className="num" data-testid="split-amount">
                  <strong>{formatMoney(p.amount)}</strong>
                </td>
              </tr>
              {open.has(p.producerKey) && (
                <tr className="nested-row">
                  <td colSpan={8}>
                    <ModelRows models={models} />
                    <p className="muted">
                      Producer score = {p.qualified ? `Σ model scores = ${formatCount(p.score)}` : '0: below the activity threshold, its models’ scores do not count'}.
                    </p>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
      <tfoot>
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
      </tfoot>
    </table>
  );
}
