import { useEffect } from 'react';
import { useUiStore, type ScreenId } from '../state/ui-store';
import { hashOf, patchOf, routeStateOf } from './route';

/**
 * Keeps the address's hash and the UI state in step, both ways: a view opened in the app pushes a
 * history entry (so Back, Forward, Alt+←/→ and the desktop menu's Back/Forward walk the views), and
 * a hash that changes from outside (Back, a bookmark, a typed URL, reload) opens its view. The hash
 * survives the token being taken out of the query (transport/token.ts keeps it), so a bookmark
 * opens its view once the page is authorized again.
 */
export function useHashRoute(screens: readonly ScreenId[]): void {
  const key = screens.join(',');
  useEffect(() => {
    const allowed = key.split(',') as ScreenId[];
    const fromLocation = () => {
      const patch = patchOf(window.location.hash, allowed);
      if (patch) useUiStore.getState().applyRoute(patch);
    };
    if (window.location.hash) fromLocation();
    const current = () => `#${hashOf(routeStateOf(useUiStore.getState()))}`;
    // The first view replaces the entry the page was opened with; later ones add entries.
    if (window.location.hash !== current()) window.history.replaceState(window.history.state, '', current());
    const unsubscribe = useUiStore.subscribe(() => {
      const next = current();
      if (window.location.hash !== next) window.history.pushState(null, '', next);
    });
    window.addEventListener('popstate', fromLocation);
    window.addEventListener('hashchange', fromLocation);
    return () => {
      unsubscribe();
      window.removeEventListener('popstate', fromLocation);
      window.removeEventListener('hashchange', fromLocation);
    };
  }, [key]);
}
