/** sessionStorage key: the token survives reloads and navigation to the other window's page. */
export const TOKEN_STORAGE_KEY = 'infiniroute.token';

/**
 * Browser mode is opened from the URL `infiniroute serve` prints (…?token=T). The token is moved
 * out of the address bar at once so it is not bookmarked, shared in a screenshot or kept in history.
 */
export function takeToken(win: Window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      win.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}
