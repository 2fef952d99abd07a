import { isAppUrl, originOf } from './app-origin';
import type { WindowKind } from './window-kinds';

/** will-navigate / will-redirect: a window may only move within the app's own origin(s). */
export function isNavigationAllowed(url: string, origins: readonly string[]): boolean {
  return isAppUrl(url, origins);
}

export type WindowOpenDecision = WindowKind | 'external' | 'deny';

/**
 * What to do with window.open / target=_blank. The renderer never gets a new window of its own
 * choosing: links to the app's two pages open (or focus) the shell's single instance of that
 * window, web links go to the system browser, everything else (file:, javascript:, custom
 * schemes that could launch other programs) is dropped.
 */
export function decideWindowOpen(url: string, appOrigin: string): WindowOpenDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'deny';
  }
  if (originOf(url) === appOrigin.toLowerCase()) {
    if (parsed.pathname === '/producer.html') return 'producer';
    if (parsed.pathname === '/user.html') return 'user';
    return 'deny';
  }
  // Credentials in a link are a phishing trick ("https://bank.com@evil.example"); not worth opening.
  if ((parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '') {
    return 'external';
  }
  return 'deny';
}
