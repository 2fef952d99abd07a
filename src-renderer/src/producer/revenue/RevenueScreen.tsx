import { useMemo, useState } from 'react';
import { lastDays } from '../../charts/days';
import { DailyBarChart } from '../../charts/DailyBarChart';
import { useCommand } from '../../client/useCommand';
import { formatMoney, formatPlural } from '../../format/numbers';
import { modelSlug, producerAccount } from '../../ledger/accounts';
import { useAllEntries } from '../../ledger/useAllEntries';
import { InlineError } from '../../shell/InlineError';
import { EmptyState, LoadingState } from '../../shell/StatusViews';
import { revenueByModel, revenueSeries } from './revenue';
import { RevenueTable } from './RevenueTable';

const RANGES = [7, 30, 90] as const;

function BalanceCard({ account }: { account: string }) {
  const balance = useCommand('ledger.balance', { account }, ['ledger.changed']);
  return (
    <section className="card wallet-balance" aria-label="Producer balance">
      <h2>Producer account</h2>
      {balance.data ? (
        <>
          <p className="big-figure" data-testid="producer-balance" data-micro={balance.data.balance}>
            {formatMoney(balance.data.balance)}
          </p>
          <p className="muted">{formatPlural(balance.data.entries, 'ledger entry', 'ledger entries')}: every call to your models, net of the marketplace fee.</p>
        </>
      ) : balance.error && !balance.loading ? (
        <InlineError error={balance.error} onRetry={balance.reload} testId="producer-balance-error" prefix="Balance unavailable" />
      ) : (
        <p className="muted">Reading the ledger…</p>
      )}
    </section>
  );
}

/** Names of the producer's models, retired ones included (they may still have earned in the period). */
function useModelNames(producerKey: string) {
  const mine = useCommand('catalog.list', { filters: { producer: producerKey, includeRetired: true }, sort: 'name', limit: 500 }, ['catalog.changed']);
  return useMemo(() => {
    const names = new Map((mine.data?.items ?? []).map((item) => [item.id, item.name]));
    return (modelId: string | null) => (modelId === null ? 'Refunds (no model)' : (names.get(modelId) ?? modelSlug(modelId)));
  }, [mine.data]);
}

/** Earnings per model over time, read from the ledger entries of producer:<me>. */
export function RevenueScreen({ producerKey }: { producerKey: string }) {
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const [now] = useState(() => Date.now());
  const dayStarts = useMemo(() => lastDays(now, days), [now, days]);
  const account = producerAccount(producerKey);
  const entries = useAllEntries({ account, from: dayStarts[0]! });
  const revenue = useMemo(() => (entries.items ? revenueByModel(entries.items, dayStarts) : null), [entries.items, dayStarts]);
  const nameOf = useModelNames(producerKey);

  let body;
  if (!revenue) {
    body = entries.error ? <InlineError error={entries.error} onRetry={entries.reload} testId="revenue-error" prefix="Earnings unavailable" /> : <LoadingState label="Reading your earnings…" />;
  } else if (revenue.rows.length === 0) {
    body = (
      <EmptyState title={`No earnings in the last ${days} days.`} testId="revenue-empty">
        <p className="muted">Each call routed to one of your models credits this account with its cost minus the marketplace fee.</p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <DailyBarChart
          days={dayStarts}
          series={revenueSeries(revenue.rows, nameOf)}
          testId="revenue-chart"
          label={`Earnings per day and model over the last ${days} days, ${formatMoney(revenue.totals.earned)} in total`}
          height={190}
        />
        <RevenueTable revenue={revenue} nameOf={nameOf} />
        {entries.truncated && <p className="muted">Only the newest {formatPlural(entries.items!.length, 'entry', 'entries')} are counted.</p>}
      </>
    );
  }

  return (
    <section className="screen" data-testid="revenue" aria-label="Revenue">
      <div className="toolbar">
        <h1 className="screen-title">Revenue</h1>
        <label className="toolbar-field">
          Period
          <select data-testid="revenue-range" value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof RANGES)[number])}>
            {RANGES.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="screen-scroll">
        <div className="revenue-grid">
          <BalanceCard account={account} />
          <section className="card revenue-card" aria-label="Earnings per model">
            <div className="card-header">
              <h2>Earnings per model · last {days} days</h2>
              {revenue && revenue.rows.length > 0 && (
                <span className="muted" data-testid="revenue-period-total" data-micro={revenue.totals.earned}>
                  {formatMoney(revenue.totals.earned)} from {formatPlural(revenue.totals.calls, 'call')}
                </span>
              )}
            </div>
            {body}
          </section>
        </div>
      </div>
    </section>
  );
}
