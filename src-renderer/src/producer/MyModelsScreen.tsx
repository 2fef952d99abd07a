import { useMemo } from 'react';
import type { CatalogItem } from '../../../src-shared/catalog';
import { CatalogResults } from '../catalog/CatalogResults';
import { useCatalogPages, type CatalogQuery } from '../catalog/useCatalogPages';
import { useCommand } from '../client/useCommand';
import { formatPlural, shortKey } from '../format/numbers';
import { ModelDetail } from '../model/ModelDetail';
import { EmptyState, ErrorState, LoadingState } from '../shell/StatusViews';
import { useUiStore } from '../state/ui-store';
import { ListingForm } from './listing/ListingForm';
import { RetireControl } from './RetireControl';

function ProducerActions({ item }: { item: CatalogItem }) {
  const openListingEditor = useUiStore((s) => s.openListingEditor);
  const openPricing = useUiStore((s) => s.openPricing);
  return (
    <>
      <button type="button" className="button button-small" onClick={() => openListingEditor({ mode: 'edit', id: item.id })} data-testid="edit-model">
        Edit
      </button>
      {!item.retired && (
        <button type="button" className="button button-small" onClick={() => openPricing(item.id)} data-testid="open-pricing">
          Pricing
        </button>
      )}
      <RetireControl item={item} />
    </>
  );
}

/** Editing reads the listing fresh, so the form starts from what is signed now. */
function EditListing({ id, onDone }: { id: string; onDone(item: CatalogItem | null): void }) {
  const model = useCommand('catalog.get', { id });
  if (model.error && !model.loading) return <ErrorState error={model.error} onRetry={model.reload} testId="listing-load-error" />;
  if (!model.data) return <LoadingState label="Loading the listing…" />;
  return <ListingForm item={model.data} onDone={onDone} onCancel={() => onDone(null)} />;
}

/** The producer's own listings, retired ones included: the console must show everything you signed. */
export function MyModelsScreen({ producerKey }: { producerKey: string }) {
  const selectedId = useUiStore((s) => s.selectedModelId);
  const selectModel = useUiStore((s) => s.selectModel);
  const editor = useUiStore((s) => s.listingEditor);
  const openListingEditor = useUiStore((s) => s.openListingEditor);
  const query = useMemo<CatalogQuery>(() => ({ filters: { producer: producerKey, includeRetired: true }, sort: 'name' }), [producerKey]);
  const pages = useCatalogPages(query);

  if (editor) {
    const done = (item: CatalogItem | null) => {
      openListingEditor(null);
      if (item) selectModel(item.id);
    };
    return (
      <section className="screen" data-testid="my-models" aria-label="My models">
        <div className="screen-scroll">
          {editor.mode === 'edit' ? (
            <EditListing key={editor.id} id={editor.id} onDone={done} />
          ) : (
            <ListingForm item={null} onDone={done} onCancel={() => done(null)} />
          )}
        </div>
      </section>
    );
  }

  const newModel = (testId: string) => (
    <button type="button" className="button button-primary" onClick={() => openListingEditor({ mode: 'new' })} data-testid={testId}>
      New model
    </button>
  );
  return (
    <section className="screen" data-testid="my-models" aria-label="My models">
      <div className="toolbar">
        <h1 className="screen-title">My models</h1>
        <span className="toolbar-spacer" />
        <span className="count" data-testid="catalog-count">
          {pages.total === null ? 'Loading…' : formatPlural(pages.total, 'model')}
        </span>
        {newModel('new-model')}
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
                  Publish your first model: it is signed with your key <code title={producerKey}>{shortKey(producerKey)}</code>, so
                  anyone can check it is yours, and every user of the marketplace sees it. Then set its price in Pricing and watch
                  where it stands against the market.
                </p>
                {newModel('new-model-empty')}
              </EmptyState>
            }
          />
        </div>
        {selectedId !== null && (
          <ModelDetail id={selectedId} onClose={() => selectModel(null)} actions={(item) => <ProducerActions item={item} />} />
        )}
      </div>
    </section>
  );
}
