import { useMemo } from 'react';
import { CatalogResults } from '../catalog/CatalogResults';
import { ModelDetail } from '../catalog/ModelDetail';
import { useCatalogPages, type CatalogQuery } from '../catalog/useCatalogPages';
import { formatPlural, shortKey } from '../format/numbers';
import { EmptyState } from '../shell/StatusViews';
import { useUiStore } from '../state/ui-store';

/** The producer's own listings, retired ones included: the console must show everything you signed. */
export function MyModelsScreen({ producerKey }: { producerKey: string }) {
  const selectedId = useUiStore((s) => s.selectedModelId);
  const selectModel = useUiStore((s) => s.selectModel);
  const query = useMemo<CatalogQuery>(() => ({ filters: { producer: producerKey, includeRetired: true }, sort: 'name' }), [producerKey]);
  const pages = useCatalogPages(query);

  return (
    <section className="screen" data-testid="my-models" aria-label="My models">
      <div className="toolbar">
        <h1 className="screen-title">My models</h1>
        <span className="toolbar-spacer" />
        <span className="count" data-testid="catalog-count">
          {pages.total === null ? 'Loading…' : formatPlural(pages.total, 'model')}
        </span>
      </div>
      <div className="split">
        <div className="split-main">
          <CatalogResults
            pages={pages}
            listKey={JSON.stringify(query)}
            label="My models"
            selectedId={selectedId}
            onSelect={(item) => selectModel(item.id)}
            empty={
              <EmptyState title="You have no models listed in this marketplace yet." testId="producer-empty">
                <p>
                  Publishing a listing and setting its price are coming to this console. Every model you publish is
                  signed with your key <code title={producerKey}>{shortKey(producerKey)}</code>, so anyone can check it
                  is yours, and it is shown to every user of the marketplace.
                </p>
              </EmptyState>
            }
          />
        </div>
        {selectedId !== null && <ModelDetail id={selectedId} onClose={() => selectModel(null)} />}
      </div>
    </section>
  );
}
