import { create } from 'zustand';
import type { CatalogSort } from '../../../src-shared/catalog';

/**
 * UI state only: what the user picked and typed. Server data never lives here; it is read through
 * the client and re-read on engine events, so two windows can never disagree about it.
 */
export type ScreenId = 'catalog' | 'my-models';

export interface CatalogView {
  /** What the search box shows; the catalog query uses a debounced copy. */
  queryText: string;
  task: string | null;
  sort: CatalogSort;
}

export interface UiState {
  screen: ScreenId;
  selectedModelId: string | null;
  catalog: CatalogView;
  showScreen(screen: ScreenId): void;
  selectModel(id: string | null): void;
  setQueryText(text: string): void;
  setTask(task: string | null): void;
  setSort(sort: CatalogSort): void;
  clearFilters(): void;
}

export const INITIAL_CATALOG_VIEW: CatalogView = { queryText: '', task: null, sort: 'value' };

export const useUiStore = create<UiState>()((set) => ({
  screen: 'catalog',
  selectedModelId: null,
  catalog: INITIAL_CATALOG_VIEW,
  showScreen: (screen) => set({ screen }),
  selectModel: (selectedModelId) => set({ selectedModelId }),
  setQueryText: (queryText) => set((s) => ({ catalog: { ...s.catalog, queryText } })),
  setTask: (task) => set((s) => ({ catalog: { ...s.catalog, task } })),
  setSort: (sort) => set((s) => ({ catalog: { ...s.catalog, sort } })),
  clearFilters: () => set((s) => ({ catalog: { ...s.catalog, queryText: '', task: null } })),
}));

/** Back to a fresh window's state (tests, and a window that switches marketplace). */
export function resetUiState(screen: ScreenId): void {
  useUiStore.setState({ screen, selectedModelId: null, catalog: INITIAL_CATALOG_VIEW });
}
