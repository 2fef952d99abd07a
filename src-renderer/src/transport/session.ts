import { PAGE_SESSION_FRAGMENT } from '../../../src-shared/page-session';

/** sessionStorage key: the session survives reloads and navigation to the other window's page. */
export const SESSION_STORAGE_KEY = 'infiniroute.session';

/**
 * Browser mode is opened from the URL `infiniroute serve` prints (…/user.html#session=S). The
 * fragment never reaches a server; the secret is moved out of the address bar at once so it is not
 * bookmarked, shared in a screenshot or kept in history, and it lives in sessionStorage — never in a
 * cookie, which the browser would send to every port of the host.
 */
export function takeSession(win: Window): string | null {
  const url = new URL(win.location.href);
  const fragment = new URLSearchParams(url.hash.slice(1));
  const fromUrl = fragment.get(PAGE_SESSION_FRAGMENT);
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(SESSION_STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the session still works for this page load.
    }
    fragment.delete(PAGE_SESSION_FRAGMENT);
    const rest = fragment.toString();
    win.history.replaceState(win.history.state, '', url.pathname + url.search + (rest ? `#${rest}` : ''));
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(SESSION_STORAGE_KEY);
  } catch {
    return null;
  }
}
