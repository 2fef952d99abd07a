import type { EpochSummary } from '../../../src-shared/rewards';
import { epochLabel, epochStatus, epochUtcRange, STATUS_HINT } from './epochs';

/** Every epoch the engine computed, newest first, each with its status by the engine's clock. */
export function EpochPicker({ epochs, now, value, onChange, testId }: { epochs: readonly EpochSummary[]; now: number; value: number | null; onChange(epoch: number): void; testId: string }) {
  const chosen = epochs.find((e) => e.epoch === value);
  return (
    <label className="toolbar-field" title={chosen ? epochUtcRange(chosen) : undefined}>
      Epoch
      <select data-testid={testId} value={value ?? ''} onChange={(event) => onChange(Number(event.target.value))}>
        {value === null && <option value="">—</option>}
        {epochs.map((e) => (
          <option key={e.epoch} value={e.epoch} title={epochUtcRange(e)}>
            {epochLabel(e)} · {epochStatus(e, now)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function StatusBadge({ e, now }: { e: Pick<EpochSummary, 'close' | 'finalAt'>; now: number }) {
  const status = epochStatus(e, now);
  return (
    <span className={`badge badge-epoch-${status}`} data-testid="epoch-status" data-status={status} title={STATUS_HINT[status]}>
      {status}
    </span>
  );
}
