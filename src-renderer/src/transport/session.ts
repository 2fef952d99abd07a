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
  // The printed URL with a view appended (…#session=S#/ledger/<hash>) opens that view: the part
  // from the second '#' is the hash route, kept once the session is taken out.
  const raw = url.hash.slice(1);
  const cut = raw.indexOf('#');
  const fragment = new URLSearchParams(cut >= 0 ? raw.slice(0, cut) : raw);
  const route = cut >= 0 ? raw.slice(cut) : '';
  const fromUrl = fragment.get(PAGE_SESSION_FRAGMENT);
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(SESSION_STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the session still works for this page load.
    }
    fragment.delete(PAGE_SESSION_FRAGMENT);
    const rest = fragment.toString();
    win.history.replaceState(win.history.state, '', url.pathname + url.search + (route || (rest ? `#${rest}` : '')));
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(SESSION_STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The printed URL pasted into a tab that is already open on the page (e.g. on a bookmark that was
 * not authorized) changes only the fragment, which reloads nothing: reload so the new session is
 * taken at start like any other.
 */
export function reloadOnNewSession(win: Window): void {
  win.addEventListener('hashchange', () => {
    const raw = win.location.hash.slice(1);
    const cut = raw.indexOf('#');
    if (new URLSearchParams(cut >= 0 ? raw.slice(0, cut) : raw).has(PAGE_SESSION_FRAGMENT)) win.location.reload();
  });
}
