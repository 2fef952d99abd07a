import { fireEvent, screen } from '@testing-library/react';
import type { CatalogRow } from '../../src-shared/catalog';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { fakeTransport, type Handlers } from './fake-transport';
import { makeHealth } from './fixtures';
import { entriesPage } from './ledger-fixtures';
import { renderWithTransport } from './render-app';
import { makeSummary, makeSyncStatus } from './review-fixtures';

/** The user window on a fake engine holding one model, with empty reviews unless `extra` says otherwise. */
export function userWindow(item: CatalogRow, extra: Handlers = {}, screenId: Parameters<typeof renderWithTransport>[2] = 'catalog') {
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'sync.status': () => makeSyncStatus(),
    'catalog.list': () => ({ total: 1, items: [item] }),
    'catalog.get': () => item,
    'pricing.history': () => [],
    'ledger.entries': () => entriesPage([]),
    'reviews.summary': ({ modelId }) => makeSummary(modelId),
    'reviews.list': () => ({ total: 0, items: [] }),
    'reviews.mine': () => [],
    'evals.reports': () => [],
    ...extra,
  });
  renderWithTransport(<UserApp />, transport, screenId);
  return transport;
}

/** Opens the model page of the (only) catalog row. */
export async function openModelPage() {
  fireEvent.click(await screen.findByTestId('catalog-row'));
  return screen.findByTestId('model-detail');
}
