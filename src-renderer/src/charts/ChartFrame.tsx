import { useState, type ReactNode } from 'react';

/**
 * Every chart can be read as a table: its values are otherwise only positions and hover titles,
 * which neither a screen reader nor a keyboard reaches. The toggle keeps its place, so switching
 * back and forth never moves focus.
 */
export function ChartFrame({ label, table, children }: { label: string; table: ReactNode; children: ReactNode }) {
  const [asTable, setAsTable] = useState(false);
  return (
    <figure className="chart-frame">
      <figcaption className="chart-frame-bar">
        <span className="visually-hidden">{label}</span>
        <button type="button" className="link-button chart-toggle" aria-pressed={asTable} data-testid="chart-as-table" onClick={() => setAsTable((v) => !v)}>
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </figcaption>
      {asTable ? <div className="table-frame">{table}</div> : children}
    </figure>
  );
}
