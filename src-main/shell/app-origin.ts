import { pageFor, type WindowKind } from './window-kinds';

/**
 * Where the app's own pages live: `app://renderer/…` when built, the electron-vite dev server in
 * development. Everything that decides "is this ours?" (navigation, window.open, IPC senders) asks
 * this module, so there is one definition of the app's origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * How app:// is registered (protocol.registerSchemesAsPrivileged). standard: real origins and
 * relative URLs; secure: a secure context like https. Deliberately absent: bypassCSP, corsEnabled,
 * allowServiceWorkers, stream: the CSP applies and no other origin may read app:// responses.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/**
 * scheme://host[:port], lower-cased. WHATWG URL reports origin "null" for non-special schemes
 * such as app:, so it is built by hand; URLs without a host (file:, data:, about:) have none.
 */
export function originOf(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '' || parsed.username !== '' || parsed.password !== '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/**
 * The one origin the windows' pages come from. The caller passes the dev server URL only when
 * running unpackaged: a packaged app must not trust a URL taken from its environment.
 */
export function appOrigin(devServerUrl: string | undefined): string {
  return (devServerUrl && originOf(devServerUrl)) || APP_ORIGIN;
}

export function isAppUrl(url: unknown, origins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && origins.includes(origin);
}

/** The URL a window of this kind loads. */
export function rendererUrl(kind: WindowKind, devServerUrl: string | undefined): string {
  if (!devServerUrl) return `${APP_ORIGIN}/${pageFor(kind)}`;
  const base = devServerUrl.endsWith('/') ? devServerUrl : `${devServerUrl}/`;
  return new URL(pageFor(kind), base).toString();
}
