import { useState } from 'react';
import type { CommandOutput } from '../../../src-shared/contract';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { formatCount, formatPlural, shortKey } from '../format/numbers';
import { InlineError } from '../shell/InlineError';
import { downloadText, exportFileName } from './download';

type Report = CommandOutput<'ledger.verify'>;

/** "Export": the whole ledger in the open JSON Lines format, saved as a file. */
export function ExportButton() {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  async function run() {
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      const { jsonl, lines } = await client.call('ledger.export', {});
      const name = exportFileName(Date.now());
      downloadText(jsonl, name, 'application/x-ndjson');
      setDone(`${name} · ${formatPlural(lines, 'line')}`);
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="toolbar-field">
      <button type="button" className="button" onClick={() => void run()} disabled={busy} data-testid="ledger-export" title="Download the ledger as JSON Lines (docs/ledger-format.md); check it with infiniroute ledger verify">
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {done && (
        <span className="muted" role="status" data-testid="ledger-export-done">
          Saved {done}
        </span>
      )}
      {failure && (
        <span className="field-error" role="alert" data-testid="ledger-export-error">
          Export failed: {failure.message}
        </span>
      )}
    </span>
  );
}

/** The report of ledger.verify: every signature, chain link, double entry and checkpoint, re-checked. */
export function VerifyReport({ report, onClose }: { report: Report; onClose(): void }) {
  return (
    <div className={`verify-report ${report.ok ? 'verdict-ok' : 'verdict-bad'}`} role="status" data-testid="ledger-verify-result" data-ok={report.ok}>
      <div className="verify-report-head">
        <strong>{report.ok ? '✓ The whole ledger verifies.' : `✗ ${formatPlural(report.problems.length, 'problem')} found.`}</strong>
        <span data-testid="ledger-verify-counts">
          {formatPlural(report.chains, 'chain')} · {formatPlural(report.entries, 'entry', 'entries')} · {formatPlural(report.checkpoints, 'checkpoint')}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close the report">
          ×
        </button>
      </div>
      {report.ok ? (
        <p>Every signature, chain link, double-entry rule and checkpoint checks out.</p>
      ) : (
        <table className="data-table compact" data-testid="ledger-verify-problems">
          <thead>
            <tr>
              <th>Kind</th>
              <th>Chain</th>
              <th className="num">Seq</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((p, i) => (
              <tr key={`${p.chain}:${p.seq}:${i}`} data-testid="ledger-verify-problem">
                <td>{p.kind}</td>
                <td title={p.chain}>
                  <code>{shortKey(p.chain)}</code>
                </td>
                <td className="num">{p.seq === null ? '—' : formatCount(p.seq)}</td>
                <td className="selectable">{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** ledger.verify on demand; the report stays until closed or run again. */
export function useVerifyLedger() {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);
  async function run() {
    setBusy(true);
    setFailure(null);
    try {
      setReport(await client.call('ledger.verify', {}));
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }
  const view = report ? (
    <VerifyReport report={report} onClose={() => setReport(null)} />
  ) : failure ? (
    <InlineError error={failure} onRetry={() => void run()} testId="ledger-verify-error" prefix="Could not verify the ledger" />
  ) : null;
  return { busy, run, view };
}
