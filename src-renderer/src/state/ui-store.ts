import { create } from 'zustand';
import type { CatalogSort } from '../../../src-shared/catalog';
import { clearedView, INITIAL_CATALOG_VIEW, type CatalogView } from './catalog-view';
import { INITIAL_LEDGER_VIEW, type LedgerFilterPatch, type LedgerView } from './ledger-view';
import { INITIAL_PLAYGROUND, type PlaygroundText } from './playground-view';
import { INITIAL_REWARDS_VIEW, type RewardsView } from './rewards-view';

export { INITIAL_CATALOG_VIEW, INITIAL_LEDGER_VIEW, INITIAL_PLAYGROUND, INITIAL_REWARDS_VIEW, type CatalogView, type LedgerView, type PlaygroundText, type RewardsView };

/**
 * UI state only: what the user picked and typed. Server data never lives here; it is read through
 * the client and re-read on engine events, so two windows can never disagree about it.
 */
export type ScreenId =
  | 'catalog'
  | 'model'
  | 'compare'
  | 'playground'
  | 'decisions'
  | 'wallet'
  | 'ledger'
  | 'routing'
  | 'my-models'
  | 'pricing'
  | 'revenue'
  | 'profile'
  | 'my-reviews'
  | 'network'
  | 'integrity'
  | 'producer-reviews'
  | 'performance'
  | 'rewards'
  | 'leaderboard'
  | 'transparency';

/** catalog.compare takes 2 to 6 models. */
export const MIN_COMPARE = 2;
export const MAX_COMPARE = 6;

/** Workload fields as typed; the compare screen parses them into whole numbers. */
export interface WorkloadText {
  inputTokens: string;
  outputTokens: string;
  requestsPerMonth: string;
}
export const INITIAL_WORKLOAD: WorkloadText = { inputTokens: '1000', outputTokens: '500', requestsPerMonth: '10000' };

export type ListingEditor = { mode: 'new' } | { mode: 'edit'; id: string };

/** What the write-review dialog opens with: the model, and what the opener already knows. */
export interface ReviewSeed {
  modelId: string;
  /** The charge of the call being reviewed (playground feedback), so the review is verified. */
  chargeId?: string;
  /** e.g. the note typed with a thumbs up/down. */
  text?: string;
  /** The task the call was routed for. */
  task?: string;
}

export interface UiState {
  screen: ScreenId;
  /** The quick preview beside a list; it belongs to the screen it was opened on. */
  selectedModelId: string | null;
  /** The model of the full model page (screen 'model'). */
  modelPageId: string | null;
  catalog: CatalogView;
  compareIds: string[];
  compareTask: string | null;
  workload: WorkloadText;
  listingEditor: ListingEditor | null;
  pricingModelId: string | null;
  /** "Use this model": the playground routes to exactly this model until unpinned. */
  pinnedModelId: string | null;
  playground: PlaygroundText;
  ledger: LedgerView;
  /** The open write-review dialog (one per window), or null. */
  reviewDialog: ReviewSeed | null;
  rewards: RewardsView;
  /** A marketplace was just opened from onboarding: the catalog offers the first steps. */
  welcome: boolean;
  showScreen(screen: ScreenId): void;
  /** After onboarding: the catalog, with the first steps. */
  welcomeIn(): void;
  dismissWelcome(): void;
  selectModel(id: string | null): void;
  /** Opens the full model page, with its own URL. */
  openModel(id: string): void;
  /** Applies what a URL asks for (nav/route.ts); fields it does not name keep their value. */
  applyRoute(patch: RoutePatch): void;
  setQueryText(text: string): void;
  setTask(task: string | null): void;
  setSort(sort: CatalogSort): void;
  setFilter<K extends keyof CatalogView>(key: K, value: CatalogView[K]): void;
  clearFilters(): void;
  toggleCompare(id: string): void;
  clearCompare(): void;
  setCompareTask(task: string | null): void;
  setWorkload(patch: Partial<WorkloadText>): void;
  openListingEditor(editor: ListingEditor | null): void;
  openPricing(id: string | null): void;
  /** Pins a model and opens the playground on one of its tasks. */
  pinModel(id: string, tasks: readonly string[]): void;
  unpinModel(): void;
  setPlayground(patch: Partial<PlaygroundText>): void;
  /** Any filter change starts again at the first page. */
  setLedgerFilter(patch: LedgerFilterPatch): void;
  setLedgerPage(page: number): void;
  selectLedgerEntry(hash: string | null): void;
  /** Opens the ledger explorer with this entry's detail (e.g. the charge of a call). */
  showLedgerEntry(hash: string): void;
  openReviewDialog(seed: ReviewSeed): void;
  closeReviewDialog(): void;
  setRewardsView(patch: Partial<Omit<RewardsView, 'from'>>): void;
  /** Opens the transparency page on an epoch; its back button returns to the screen it came from. */
  openTransparency(epoch: number | null): void;
}

/** A URL's view, as nav/route.ts reads it. */
export interface RoutePatch {
  screen?: ScreenId;
  modelPageId?: string | null;
  compareIds?: string[];
  compareTask?: string | null;
  pricingModelId?: string | null;
  listingEditor?: ListingEditor | null;
  ledgerEntry?: string | null;
  epoch?: number | null;
}

const initial = {
  selectedModelId: null,
  modelPageId: null,
  catalog: INITIAL_CATALOG_VIEW,
  compareIds: [] as string[],
  compareTask: null,
  workload: INITIAL_WORKLOAD,
  listingEditor: null,
  pricingModelId: null,
  pinnedModelId: null,
  playground: INITIAL_PLAYGROUND,
  ledger: INITIAL_LEDGER_VIEW,
  reviewDialog: null,
  rewards: INITIAL_REWARDS_VIEW,
  welcome: false,
};

export const useUiStore = create<UiState>()((set) => ({
  screen: 'catalog',
  ...initial,
  // The preview drawer stays with the screen it was opened on.
  showScreen: (screen) => set({ screen, selectedModelId: null }),
  welcomeIn: () => set({ screen: 'catalog', selectedModelId: null, welcome: true }),
  dismissWelcome: () => set({ welcome: false }),
  selectModel: (selectedModelId) => set({ selectedModelId }),
  openModel: (modelPageId) => set({ screen: 'model', modelPageId, selectedModelId: null }),
  applyRoute: ({ ledgerEntry, epoch, ...patch }) =>
    set((s) => ({
      ...patch,
      selectedModelId: patch.screen === undefined || patch.screen === s.screen ? s.selectedModelId : null,
      ledger: ledgerEntry === undefined ? s.ledger : { ...s.ledger, selected: ledgerEntry },
      rewards: epoch === undefined ? s.rewards : { ...s.rewards, epoch },
    })),
  setQueryText: (queryText) => set((s) => ({ catalog: { ...s.catalog, queryText } })),
  setTask: (task) => set((s) => ({ catalog: { ...s.catalog, task } })),
  setSort: (sort) => set((s) => ({ catalog: { ...s.catalog, sort } })),
  setFilter: (key, value) => set((s) => ({ catalog: { ...s.catalog, [key]: value } })),
  clearFilters: () => set((s) => ({ catalog: clearedView(s.catalog) })),
  toggleCompare: (id) =>
    set((s) => {
      // A chosen task may not fit the new set of models: the engine picks the common one again.
      if (s.compareIds.includes(id)) return { compareIds: s.compareIds.filter((x) => x !== id), compareTask: null };
      // A seventh pick is refused rather than silently dropping an earlier one.
      return s.compareIds.length >= MAX_COMPARE ? {} : { compareIds: [...s.compareIds, id], compareTask: null };
    }),
  clearCompare: () => set({ compareIds: [], compareTask: null }),
  setCompareTask: (compareTask) => set({ compareTask }),
  setWorkload: (patch) => set((s) => ({ workload: { ...s.workload, ...patch } })),
  openListingEditor: (listingEditor) => set({ listingEditor, screen: 'my-models', selectedModelId: null }),
  openPricing: (pricingModelId) => set({ pricingModelId, screen: 'pricing', selectedModelId: null }),
  pinModel: (id, tasks) =>
    set((s) => ({
      pinnedModelId: id,
      screen: 'playground',
      selectedModelId: null,
      // A pinned model only answers its own tasks: keep the task typed if it is one of them.
      playground: tasks.includes(s.playground.task) || tasks.length === 0 ? s.playground : { ...s.playground, task: tasks[0]! },
    })),
  unpinModel: () => set({ pinnedModelId: null }),
  setPlayground: (patch) => set((s) => ({ playground: { ...s.playground, ...patch } })),
  setLedgerFilter: (patch) => set((s) => ({ ledger: { ...s.ledger, ...patch, page: 0 } })),
  setLedgerPage: (page) => set((s) => ({ ledger: { ...s.ledger, page } })),
  selectLedgerEntry: (selected) => set((s) => ({ ledger: { ...s.ledger, selected } })),
  showLedgerEntry: (hash) => set((s) => ({ screen: 'ledger', selectedModelId: null, ledger: { ...s.ledger, selected: hash } })),
  openReviewDialog: (reviewDialog) => set({ reviewDialog }),
  closeReviewDialog: () => set({ reviewDialog: null }),
  setRewardsView: (patch) => set((s) => ({ rewards: { ...s.rewards, ...patch } })),
  openTransparency: (epoch) => set((s) => ({ screen: 'transparency', selectedModelId: null, rewards: { ...s.rewards, epoch, from: s.screen === 'rewards' ? 'rewards' : 'leaderboard' } })),
}));

/** Back to a fresh window's state (tests, and a window that switches marketplace). */
export function resetUiState(screen: ScreenId): void {
  useUiStore.setState({ screen, ...initial });
}
