import { LEDGER_ENTRY_KINDS, type LedgerEntryKind } from '../../../src-shared/ledger';
import type { AccountChoice } from '../state/ledger-view';
import { useUiStore } from '../state/ui-store';
import { ACCOUNT_CHOICES, type LedgerProblems } from './accounts';

/** Account, kind, model and time range: every one maps onto a ledger.entries filter of the engine. */
export function LedgerFilterBar({ problems }: { problems: LedgerProblems }) {
  const view = useUiStore((s) => s.ledger);
  const setFilter = useUiStore((s) => s.setLedgerFilter);
  const problemList = Object.values(problems);
  const clear = () => setFilter({ account: 'all', accountText: '', kind: null, modelText: '', fromText: '', toText: '' });
  const filtered = view.account !== 'all' || view.kind !== null || view.modelText !== '' || view.fromText !== '' || view.toText !== '';
  return (
    <div className="filter-bar" role="group" aria-label="Ledger filters" data-testid="ledger-filters">
      <label className="toolbar-field">
        Account
        <select data-testid="ledger-account" value={view.account} onChange={(e) => setFilter({ account: e.target.value as AccountChoice })}>
          {ACCOUNT_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {view.account === 'other' && (
        <input
          aria-label="Account"
          data-testid="ledger-account-text"
          className="mono-input"
          placeholder="user:<key> or producer:<key>"
          value={view.accountText}
          aria-invalid={problems.account !== undefined}
          onChange={(e) => setFilter({ accountText: e.target.value })}
        />
      )}
      <label className="toolbar-field">
        Kind
        <select data-testid="ledger-kind" value={view.kind ?? ''} onChange={(e) => setFilter({ kind: (e.target.value || null) as LedgerEntryKind | null })}>
          <option value="">All kinds</option>
          {LEDGER_ENTRY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-field">
        Model
        <input
          data-testid="ledger-model"
          className="mono-input"
          placeholder="<producerKey>:<slug>"
          value={view.modelText}
          aria-invalid={problems.model !== undefined}
          onChange={(e) => setFilter({ modelText: e.target.value })}
        />
      </label>
      <label className="toolbar-field">
        From
        <input type="datetime-local" data-testid="ledger-from" value={view.fromText} aria-invalid={problems.from !== undefined} onChange={(e) => setFilter({ fromText: e.target.value })} />
      </label>
      <label className="toolbar-field">
        To
        <input type="datetime-local" data-testid="ledger-to" value={view.toText} aria-invalid={problems.to !== undefined} onChange={(e) => setFilter({ toText: e.target.value })} />
      </label>
      <button type="button" className="button button-small" disabled={!filtered} onClick={clear} data-testid="ledger-clear">
        Clear filters
      </button>
      {problemList.length > 0 && (
        <span className="filter-problem" role="alert" data-testid="ledger-filter-problem">
          {problemList[0]}
        </span>
      )}
    </div>
  );
}
