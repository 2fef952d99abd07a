import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { rpc, type ServedHost } from './host';

/** One view of a window, opened by its URL (hash route), and what shows that it has loaded. */
export interface ScreenVisit {
  name: string;
  window: 'user' | 'producer';
  hash: string;
  ready: string;
}

interface Listed {
  items: Array<{ id: string; producerKey: string; tasks: string[] }>;
}

/** Every screen of both windows on the demo marketplace, with real ids for the ones that need one. */
export async function demoScreens(request: APIRequestContext, host: ServedHost): Promise<ScreenVisit[]> {
  const health = await rpc<{ identity: { producerKey: string } }>(request, host, 'system.health', {});
  const chat = await rpc<Listed>(request, host, 'catalog.list', { filters: { task: 'chat' }, sort: 'value', limit: 3 });
  // The demo's buyer identity lists nothing; its models are the demo producer's (producerKey).
  const mine = await rpc<Listed>(request, host, 'catalog.list', { filters: { producer: health.identity.producerKey }, limit: 1 });
  const ids = chat.items.map((i) => i.id);
  const own = mine.items[0]!.id;
  const entries = await rpc<{ items: Array<{ hash: string }> }>(request, host, 'ledger.entries', { limit: 1 });
  const entry = entries.items[0]?.hash;
  const u = (name: string, hash: string, ready: string): ScreenVisit => ({ name, window: 'user', hash, ready });
  const p = (name: string, hash: string, ready: string): ScreenVisit => ({ name, window: 'producer', hash, ready });
  return [
    u('catalog', '/catalog', 'catalog-row'),
    u('model', `/model/${encodeURIComponent(ids[0]!)}`, 'model-page-name'),
    u('compare', `/compare?ids=${ids.map(encodeURIComponent).join(',')}&task=chat`, 'compare-table'),
    u('playground', '/playground', 'playground'),
    u('decisions', '/decisions', 'decisions'),
    u('wallet', '/wallet', 'wallet'),
    u('ledger', entry ? `/ledger/${encodeURIComponent(entry)}` : '/ledger', 'ledger'),
    u('routing', '/routing', 'routing-settings'),
    u('my-reviews', '/my-reviews', 'my-reviews'),
    u('leaderboard', '/leaderboard', 'leaderboard'),
    u('transparency', '/transparency', 'transparency'),
    u('network', '/network', 'network'),
    u('integrity', '/integrity', 'integrity'),
    p('my-models', '/my-models', 'catalog-row'),
    p('new-model', '/my-models/new', 'listing-form'),
    p('pricing', `/pricing/${encodeURIComponent(own)}`, 'market-position'),
    p('revenue', '/revenue', 'revenue'),
    p('producer-reviews', '/producer-reviews', 'producer-reviews'),
    p('performance', '/performance', 'performance'),
    p('rewards', '/rewards', 'rewards'),
    p('profile', '/profile', 'profile'),
  ];
}

/** The window's address with the view's hash route; the page session is not in it (see openVisit). */
export function urlOf(host: ServedHost, visit: ScreenVisit): string {
  const withSession = visit.window === 'user' ? host.userUrl : host.producerUrl;
  return `${withSession.split('#')[0]}#${visit.hash}`;
}

/**
 * Opens a view by its URL and waits until it shows its content, not a loading state. The served
 * URL carries the session in its fragment (#session=S): a fresh tab opens it once, which keeps the
 * session in sessionStorage, and every visit after that is the route alone.
 */
export async function openVisit(page: Page, host: ServedHost, visit: ScreenVisit): Promise<void> {
  if (page.url() === 'about:blank') await page.goto(host.userUrl);
  await page.goto(urlOf(host, visit));
  await expect(page.getByTestId(visit.ready).first()).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('[data-testid="loading"], [role="status"] .spinner')).toHaveCount(0, { timeout: 15_000 });
}
