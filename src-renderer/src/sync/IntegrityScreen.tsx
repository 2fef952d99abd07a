import { useState, type ReactNode } from 'react';
import { useCommand } from '../client/useCommand';
import { useKeepPrevious } from '../client/useKeepPrevious';
import { formatCount } from '../format/numbers';
import { InlineError } from '../shell/InlineError';
import { ConflictsTable, QuarantineTable, TruncationsTable } from './IntegrityTables';

const PAGE = 100;
export const NOTHING_QUARANTINED = 'Nothing quarantined: every record received verified.';

function Section({ title, count, testId, children }: { title: string; count: number | null; testId: string; children: ReactNode }) {
  return (
    <section className="card" data-testid={testId} aria-label={title}>
      <div className="card-header">
        <h2>{title}</h2>
        {count !== null && <span className="count">{formatCount(count)}</span>}
      </div>
      {children}
    </section>
  );
}

/**
 * What sync refused or repaired: quarantined records (bad signature, wrong signer, bad body, wrong
 * key), conflicting signed records, and documents a peer truncated. Each list follows sync.changed.
 */
export function IntegrityScreen() {
  const [page, setPage] = useState(0);
  const quarantine = useCommand('integrity.quarantine', { offset: page * PAGE, limit: PAGE }, ['sync.changed']);
  const conflicts = useCommand('integrity.conflicts', {}, ['sync.changed']);
  const truncations = useCommand('integrity.truncations', {}, ['sync.changed']);
  const q = useKeepPrevious(quarantine.data);

  return (
    <section className="screen" data-testid="integrity" aria-label="Integrity">
      <div className="toolbar">
        <h1 className="screen-title">Integrity</h1>
        <span className="muted">Every record from a peer is checked like a local one (signature, then who may sign it) before it takes effect.</span>
      </div>
      <div className="screen-scroll integrity-stack">
        <Section title="Quarantined records" count={q?.total ?? null} testId="quarantine">
          {quarantine.error && !quarantine.loading && !q ? (
            <InlineError error={quarantine.error} onRetry={quarantine.reload} testId="quarantine-error" prefix="The quarantine is unavailable" />
          ) : !q ? (
            <p className="muted">Loading…</p>
          ) : q.total === 0 ? (
            <p className="integrity-ok" data-testid="quarantine-empty">
              {NOTHING_QUARANTINED}
            </p>
          ) : (
            <>
              <QuarantineTable items={q.items} />
              {q.total > PAGE && (
                <p className="pager">
                  <button type="button" className="button button-small" disabled={page === 0} onClick={() => setPage(page - 1)} data-testid="quarantine-prev">
                    ‹ Previous
                  </button>
                  <span className="count">
                    {formatCount(page * PAGE + 1)}–{formatCount(Math.min(q.total, (page + 1) * PAGE))} of {formatCount(q.total)}
                  </span>
                  <button type="button" className="button button-small" disabled={(page + 1) * PAGE >= q.total} onClick={() => setPage(page + 1)} data-testid="quarantine-next">
                    Next ›
                  </button>
                </p>
              )}
            </>
          )}
        </Section>
        <Section title="Conflicts" count={conflicts.data?.total ?? null} testId="conflicts">
          {conflicts.error && !conflicts.loading ? (
            <InlineError error={conflicts.error} onRetry={conflicts.reload} testId="conflicts-error" prefix="Conflicts are unavailable" />
          ) : !conflicts.data ? (
            <p className="muted">Loading…</p>
          ) : conflicts.data.total === 0 ? (
            <p className="muted" data-testid="conflicts-empty">
              No conflicts: no key signed two different records for one slot.
            </p>
          ) : (
            <ConflictsTable items={conflicts.data.items} />
          )}
        </Section>
        <Section title="Truncations" count={truncations.data?.total ?? null} testId="truncations">
          {truncations.error && !truncations.loading ? (
            <InlineError error={truncations.error} onRetry={truncations.reload} testId="truncations-error" prefix="Truncations are unavailable" />
          ) : !truncations.data ? (
            <p className="muted">Loading…</p>
          ) : truncations.data.total === 0 ? (
            <p className="muted" data-testid="truncations-empty">
              No truncations: no peer deleted or replaced a record this engine held.
            </p>
          ) : (
            <TruncationsTable items={truncations.data.items} />
          )}
        </Section>
      </div>
    </section>
  );
}
