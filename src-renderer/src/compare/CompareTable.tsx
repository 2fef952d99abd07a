import type { MetricSource } from '../../../src-shared/catalog';
import type { CompareOutput } from '../../../src-shared/pricing';
import { UseModelButton } from '../model/UseModelButton';
import { SourceBadge } from '../shell/SourceBadge';
import { useUiStore } from '../state/ui-store';
import { formatRowValue } from './format-row';

const SOURCES: readonly string[] = ['claimed', 'measured', 'reviews'] satisfies MetricSource[];

/** One column per model, the engine's rows, and each row's best figure(s) highlighted. */
export function CompareTable({ result }: { result: CompareOutput }) {
  const toggleCompare = useUiStore((s) => s.toggleCompare);
  return (
    <div className="table-scroll">
      <table className="data-table compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th scope="col" />
            {result.models.map((model) => (
              <th key={model.id} scope="col" className="num" data-testid="compare-model" data-model-id={model.id}>
                <span className="compare-model-name">{model.name}</span>
                <span className="muted producer-name">{model.producerName}</span>
                <span className="compare-model-actions">
                  <UseModelButton item={model} variant="link" />
                  <button type="button" className="link-button" onClick={() => toggleCompare(model.id)} aria-label={`Remove ${model.name} from compare`}>
                    remove
                  </button>
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row) => (
            <tr key={row.key} data-testid="compare-row" data-key={row.key}>
              <th scope="row" title={`${row.better === 'lower' ? 'Lower' : 'Higher'} is better`}>
                {row.label} <span className="muted">{row.better === 'lower' ? '↓' : '↑'}</span>
              </th>
              {row.values.map((value, i) => {
                const best = row.best.includes(i);
                const source = row.sources[i] ?? null;
                return (
                  <td
                    key={result.models[i]?.id ?? i}
                    className={`num${best ? ' best' : ''}`}
                    data-testid="compare-cell"
                    data-model-id={result.models[i]?.id}
                    data-best={best}
                    title={best ? 'Best in this row' : undefined}
                  >
                    {formatRowValue(value, row.unit)}
                    {source !== null && SOURCES.includes(source) && value !== null && (
                      <>
                        {' '}
                        <SourceBadge source={source as MetricSource} />
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
