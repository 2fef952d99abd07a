import { useMemo, useState } from 'react';
import { lastDays } from '../charts/days';
import { DailyBarChart } from '../charts/DailyBarChart';
import { useCommand } from '../client/useCommand';
import { formatMoney, formatPlural } from '../format/numbers';
import { InlineError } from '../shell/InlineError';
import { useUiStore } from '../state/ui-store';
import { userAccount } from './accounts';
import { CallsWorth } from './CallsWorth';
import { dailySpend } from './daily';
import { DepositForm } from './DepositForm';
import { useAllEntries } from './useAllEntries';

const SPEND_DAYS = 30;

function BalanceCard({ me }: { me: string }) {
  const balance = useCommand('ledger.balance', {}, ['ledger.changed']);
  const setLedgerFilter = useUiStore((s) => s.setLedgerFilter);
  const showScreen = useUiStore((s) => s.showScreen);
  function openEntries() {
    setLedgerFilter({ account: 'user', accountText: '', kind: null, modelText: '', fromText: '', toText: '' });
    showScreen('ledger');
  }
  return (
    <section className="card wallet-balance" aria-label="Balance">
      <h2>Balance</h2>
      {balance.data ? (
        <>
          <p className="big-figure" data-testid="wallet-balance" data-micro={balance.data.balance}>
            {formatMoney(balance.data.balance)}
          </p>
          <CallsWorth balance={balance.data.balance} />
          <p className="muted">
            {formatPlural(balance.data.entries, 'ledger entry', 'ledger entries')} on <code title={balance.data.account}>{`user:${me.slice(0, 8)}…`}</code>, summed
            over every valid chain.
          </p>
          <button type="button" className="button button-small" onClick={openEntries} data-testid="wallet-open-ledger">
            Show my entries in the ledger
          </button>
        </>
      ) : balance.error && !balance.loading ? (
        <InlineError error={balance.error} onRetry={balance.reload} testId="wallet-balance-error" prefix="Balance unavailable" />
      ) : (
        <p className="muted">Reading the ledger…</p>
      )}
    </section>
  );
}

/** Daily charges of the local wallet over the last 30 days, from the ledger itself. */
function SpendCard({ me }: { me: string }) {
  const [now] = useState(() => Date.now());
  const days = useMemo(() => lastDays(now, SPEND_DAYS), [now]);
  const spend = useAllEntries({ account: userAccount(me), kind: 'charge', from: days[0]! });
  const perDay = useMemo(() => (spend.items ? dailySpend(spend.items, days) : null), [spend.items, days]);
  const total = perDay?.reduce((sum, v) => sum + v, 0) ?? 0;
  return (
    <section className="card wallet-spend" aria-label="Spend over time">
      <div className="card-header">
        <h2>Spend · last {SPEND_DAYS} days</h2>
        {perDay && (
          <span className="muted" data-testid="spend-total" data-micro={total}>
            {formatMoney(total)} in {formatPlural(spend.items!.length, 'call')}
          </span>
        )}
      </div>
      {spend.error && !perDay ? (
        <InlineError error={spend.error} onRetry={spend.reload} testId="spend-error" prefix="Spend unavailable" />
      ) : !perDay ? (
        <p className="muted">Reading your charges…</p>
      ) : total === 0 ? (
        <p className="muted" data-testid="spend-empty">
          No calls charged to your wallet in the last {SPEND_DAYS} days. Calls you send from the Playground show up here.
        </p>
      ) : (
        <DailyBarChart days={days} series={[{ key: 'spend', label: 'Spend', values: perDay }]} testId="spend-chart" label={`Daily spend over the last ${SPEND_DAYS} days, ${formatMoney(total)} in total`} />
      )}
      {spend.truncated && <p className="muted">Only the newest {formatPlural(spend.items!.length, 'charge')} are counted.</p>}
    </section>
  );
}

/** The local user's money: balance, deposits when this identity is the treasury, and spend. */
export function WalletScreen({ me, isTreasury }: { me: string; isTreasury: boolean }) {
  return (
    <section className="screen" data-testid="wallet" aria-label="Wallet">
      <div className="toolbar">
        <h1 className="screen-title">Wallet</h1>
      </div>
      <div className="screen-scroll">
        <div className="wallet-grid">
          <BalanceCard me={me} />
          {isTreasury ? (
            <DepositForm />
          ) : (
            <section className="card" data-testid="deposit-unavailable" aria-label="Getting credits">
              <h2>Getting credits</h2>
              <p className="muted">
                Credits are issued by the marketplace treasury. Ask its operator to deposit to your account:
              </p>
              <code className="selectable break-all">{userAccount(me)}</code>
            </section>
          )}
          <SpendCard me={me} />
        </div>
      </div>
    </section>
  );
}
