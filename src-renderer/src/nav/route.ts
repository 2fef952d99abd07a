import { MAX_COMPARE, type RoutePatch, type ScreenId, type UiState } from '../state/ui-store';

/**
 * The part of the UI state a URL carries: enough to open the same view again after a reload, a
 * Back, or from a bookmark. Everything typed into forms stays out of it.
 */
export type RouteState = Pick<UiState, 'screen' | 'modelPageId' | 'compareIds' | 'compareTask' | 'pricingModelId' | 'listingEditor'> & {
  ledgerEntry: string | null;
  epoch: number | null;
};

export function routeStateOf(s: UiState): RouteState {
  return {
    screen: s.screen,
    modelPageId: s.modelPageId,
    compareIds: s.compareIds,
    compareTask: s.compareTask,
    pricingModelId: s.pricingModelId,
    listingEditor: s.listingEditor,
    ledgerEntry: s.ledger.selected,
    epoch: s.rewards.epoch,
  };
}

const enc = encodeURIComponent;

/** The hash (without '#') for a state; the same state always gives the same hash. */
export function hashOf(r: RouteState): string {
  switch (r.screen) {
    case 'model':
      return r.modelPageId === null ? '/catalog' : `/model/${enc(r.modelPageId)}`;
    case 'compare': {
      const query = new URLSearchParams();
      if (r.compareIds.length > 0) query.set('ids', r.compareIds.join(','));
      if (r.compareTask !== null) query.set('task', r.compareTask);
      const text = query.toString();
      return text ? `/compare?${text}` : '/compare';
    }
    case 'ledger':
      return r.ledgerEntry === null ? '/ledger' : `/ledger/${enc(r.ledgerEntry)}`;
    case 'pricing':
      return r.pricingModelId === null ? '/pricing' : `/pricing/${enc(r.pricingModelId)}`;
    case 'my-models':
      if (r.listingEditor?.mode === 'new') return '/my-models/new';
      if (r.listingEditor?.mode === 'edit') return `/my-models/edit/${enc(r.listingEditor.id)}`;
      return '/my-models';
    case 'transparency':
      return r.epoch === null ? '/transparency' : `/transparency/${r.epoch}`;
    default:
      return `/${r.screen}`;
  }
}

function decode(part: string | undefined): string | null {
  if (part === undefined || part === '') return null;
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/**
 * What a hash asks for, as a patch of the UI state; null for a hash this window does not know
 * (a typo, or the other window's screen), which leaves the view as it is.
 */
export function patchOf(hash: string, screens: readonly ScreenId[]): RoutePatch | null {
  const text = hash.replace(/^#/, '');
  const [path = '', search = ''] = text.split('?', 2);
  const [name = '', ...rest] = path.replace(/^\//, '').split('/');
  const screen = name as ScreenId;
  if (!screens.includes(screen)) return null;
  const arg = decode(rest.join('/'));
  switch (screen) {
    case 'model':
      return arg === null ? null : { screen, modelPageId: arg };
    case 'compare': {
      const query = new URLSearchParams(search);
      const ids = [...new Set((query.get('ids') ?? '').split(',').filter((id) => id !== ''))].slice(0, MAX_COMPARE);
      return { screen, compareIds: ids, compareTask: query.get('task') || null };
    }
    case 'ledger':
      return { screen, ledgerEntry: arg };
    case 'pricing':
      return { screen, pricingModelId: arg };
    case 'my-models': {
      if (rest[0] === 'new') return { screen, listingEditor: { mode: 'new' } };
      const id = rest[0] === 'edit' ? decode(rest.slice(1).join('/')) : null;
      return { screen, listingEditor: id === null ? null : { mode: 'edit', id } };
    }
    case 'transparency': {
      const epoch = arg === null ? null : Number(arg);
      return { screen, epoch: epoch !== null && Number.isSafeInteger(epoch) && epoch >= 0 ? epoch : null };
    }
    default:
      return { screen };
  }
}
