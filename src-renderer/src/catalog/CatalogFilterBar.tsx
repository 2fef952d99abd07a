import { useUiStore } from '../state/ui-store';
import type { CatalogView, TextFilter } from '../state/catalog-view';
import type { Facets } from './useFacets';
import type { FilterProblems } from './filters';

/** Minimum star ratings offered; reviews are whole-star, averages have two decimals. */
const RATINGS = [100, 200, 300, 400, 450] as const;

function TextFilterInput({
  field,
  label,
  unit,
  placeholder,
  problems,
  width = 64,
}: {
  field: TextFilter;
  label: string;
  unit: string;
  placeholder: string;
  problems: FilterProblems;
  width?: number;
}) {
  const value = useUiStore((s) => s.catalog[field]);
  const setFilter = useUiStore((s) => s.setFilter);
  const problem = problems[field];
  return (
    <span className="filter-input">
      <input
        aria-label={`${label} (${unit})`}
        data-testid={`filter-${field}`}
        inputMode="decimal"
        placeholder={placeholder}
        style={{ width }}
        value={value}
        aria-invalid={problem !== undefined}
        title={problem ?? `${label} (${unit})`}
        onChange={(event) => setFilter(field, event.target.value)}
      />
      <span className="unit">{unit}</span>
    </span>
  );
}

/** The filters beyond task and search; every one maps onto a catalog.list filter of the engine. */
export function CatalogFilterBar({ facets, problems }: { facets: Facets; problems: FilterProblems }) {
  const view = useUiStore((s) => s.catalog);
  const setFilter = useUiStore((s) => s.setFilter);
  const select = <K extends 'industry' | 'producer'>(key: K) => (value: string) => setFilter(key, (value || null) as CatalogView[K]);
  const problemList = Object.values(problems);
  return (
    <div className="filter-bar" data-testid="filter-bar" aria-label="Filters" role="group">
      <label className="toolbar-field">
        Industry
        <select data-testid="filter-industry" value={view.industry ?? ''} onChange={(e) => select('industry')(e.target.value)}>
          <option value="">All</option>
          {view.industry && !facets.industries.includes(view.industry) && <option value={view.industry}>{view.industry}</option>}
          {facets.industries.map((industry) => (
            <option key={industry} value={industry}>
              {industry}
            </option>
          ))}
        </select>
      </label>
      <span className="toolbar-field" title="Cost of the reference call: 1,000 input + 500 output tokens">
        Price
        <TextFilterInput field="minCost" label="Min reference-call price" unit="cr" placeholder="min" problems={problems} />
        –
        <TextFilterInput field="maxCost" label="Max reference-call price" unit="cr" placeholder="max" problems={problems} />
      </span>
      <span className="toolbar-field">
        Accuracy ≥
        <TextFilterInput field="minAccuracy" label="Min accuracy" unit="%" placeholder="any" problems={problems} width={56} />
      </span>
      <span className="toolbar-field">
        p95 ≤
        <TextFilterInput field="maxLatency" label="Max p95 latency" unit="ms" placeholder="any" problems={problems} width={64} />
      </span>
      <label className="toolbar-field">
        Rating
        <select
          data-testid="filter-rating"
          value={view.minRatingX100 ?? ''}
          onChange={(e) => setFilter('minRatingX100', e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">Any</option>
          {RATINGS.map((r) => (
            <option key={r} value={r}>
              {`★ ${r / 100}+`}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-field">
        Producer
        <select data-testid="filter-producer" value={view.producer ?? ''} onChange={(e) => select('producer')(e.target.value)}>
          <option value="">All</option>
          {view.producer && !facets.producers.some((p) => p.key === view.producer) && <option value={view.producer}>selected producer</option>}
          {facets.producers.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-field checkbox-field" title="Only models with at least one figure measured by someone other than the producer">
        <input
          type="checkbox"
          data-testid="filter-measured"
          checked={view.measuredOnly}
          onChange={(e) => setFilter('measuredOnly', e.target.checked)}
        />
        Measured only
      </label>
      {problemList.length > 0 && (
        // Every bad filter says why, and that the list is shown without it until it is fixed.
        <span className="filter-problem" role="alert" data-testid="filter-problem">
          {problemList.length === 1 ? 'Not applied: ' : `${problemList.length} filters not applied: `}
          {problemList.map((problem, i) => (
            <span key={problem} className="filter-problem-item">
              {i > 0 && ' · '}
              {problem}
            </span>
          ))}
        </span>
      )}
    </div>
  );
}
