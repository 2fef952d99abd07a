import { expect, test, type Page } from '@playwright/test';
import { callCost, formatCredits } from '../../src-shared/money';
import { hostsForBlock, rpc } from './host';
import { keepScreenshot } from './screens';
import { openScreen } from './nav';

/** Collects what would show the page's CSP refused something (e.g. the /events WebSocket). */
function watchPage(page: Page): { cspViolations: string[]; eventSockets: string[] } {
  const seen = { cspViolations: [] as string[], eventSockets: [] as string[] };
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.cspViolations.push(message.text());
  });
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).pathname === '/events') seen.eventSockets.push(socket.url());
  });
  return seen;
}

test.describe('two engines in one marketplace, in browser mode', () => {
  const [first, second] = hostsForBlock({ demo: true }, { demo: false });
  test.beforeAll(async ({ request }) => {
    // The second engine joins the first's marketplace with an invite (the onboarding form does the same).
    const { invite } = await rpc<{ invite: string }>(request, first, 'marketplace.invite', {});
    await rpc(request, second, 'marketplace.join', { invite });
  });

  test('a price set in one engine’s producer console shows up in the other engine’s user window', async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const user = await context.newPage();
    const producer = await context.newPage();
    const watched = watchPage(user);

    await user.goto(second.userUrl);
    await expect(user.getByTestId('catalog-count')).toHaveText('64 models', { timeout: 60_000 });
    await expect(user.getByTestId('status-sync')).toHaveAttribute('data-state', 'online');
    await expect(user.getByTestId('status-sync')).toHaveText(/^In sync with 1 peer · (synced .+ ago|synced just now)/);
    await user.getByTestId('search').fill('Helpdesk Triage 7B');
    const row = user.getByTestId('catalog-row').filter({ hasText: 'Helpdesk Triage 7B' });
    await expect(row).toHaveCount(1);
    // A reload would drop this marker: the new price must arrive by sync and catalog.changed.
    await user.evaluate(() => ((globalThis as unknown as { noReload: boolean }).noReload = true));

    // A page in the background gets its animation frames throttled, which slows every click.
    await producer.bringToFront();
    await producer.goto(first.producerUrl);
    await openScreen(producer, 'pricing');
    await producer.getByTestId('pricing-model').selectOption({ label: 'Helpdesk Triage 7B' });
    await producer.getByTestId('price-inputPer1M').fill('0.123');
    await producer.getByTestId('price-outputPer1M').fill('0.456');
    await producer.getByTestId('price-perRequest').fill('0');
    await producer.getByTestId('price-save').click();
    await expect(producer.getByTestId('price-saved')).toContainText('in force now');
    const reference = callCost({ inputPer1M: 123_000, outputPer1M: 456_000, perRequest: 0 }, 1_000, 500);

    await expect(row.getByTestId('reference-cost')).toHaveText(`${formatCredits(reference)} cr`, { timeout: 30_000 });
    expect(await user.evaluate(() => (globalThis as unknown as { noReload?: boolean }).noReload)).toBe(true);
    // connect-src 'self' covers the same-origin events socket: it opened, and nothing was refused.
    expect(watched.eventSockets.length).toBeGreaterThan(0);
    expect(watched.cspViolations).toEqual([]);
    await row.click();
    await expect(user.getByTestId('model-reference-cost')).toHaveText(`${formatCredits(reference)} cr`);
    await context.close();
  });

  test('the Network screens show each other as peers; Integrity says every record verified', async ({ browser, request }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const joined = await context.newPage();
    const inviter = await context.newPage();
    const secondKey = (await rpc<{ peerKey: string }>(request, second, 'sync.status', {})).peerKey;
    const firstKey = (await rpc<{ peerKey: string }>(request, first, 'sync.status', {})).peerKey;

    await joined.bringToFront();
    await joined.goto(second.userUrl);
    await openScreen(joined, 'network');
    await expect(joined.getByTestId('peer-key')).toHaveText(secondKey);
    const peer = joined.locator(`[data-testid="peer-row"][data-key="${firstKey}"]`);
    await expect(peer).toHaveAttribute('data-connected', 'true');
    await expect(peer).toContainText('from an invite');
    await keepScreenshot(joined, 'user-network', 900);

    await inviter.bringToFront();
    await inviter.goto(first.userUrl);
    await openScreen(inviter, 'network');
    const inbound = inviter.locator(`[data-testid="peer-row"][data-key="${secondKey}"]`);
    await expect(inbound).toHaveAttribute('data-connected', 'true');
    await expect(inbound).toContainText('dialled in');
    await inviter.getByTestId('invite-create').click();
    await expect(inviter.getByTestId('invite-code')).toHaveValue(/^irinvite1\./);
    await keepScreenshot(inviter, 'user-network-invite', 900);

    // Disconnecting stops the link and its redial; connecting by address brings it back.
    await joined.bringToFront();
    const address = await peer.getAttribute('data-address');
    await peer.getByTestId('peer-disconnect').click();
    await expect(peer).toHaveAttribute('data-connected', 'false');
    await expect(peer.getByTestId('peer-state')).toHaveText('disconnected by you');
    await expect(joined.getByTestId('status-sync')).toHaveAttribute('data-state', 'offline');
    await peer.getByTestId('peer-reconnect').click();
    await expect(peer).toHaveAttribute('data-connected', 'true', { timeout: 30_000 });
    expect(address).toMatch(/:\d+$/);

    await openScreen(joined, 'integrity');
    await expect(joined.getByTestId('quarantine-empty')).toHaveText('Nothing quarantined: every record received verified.');
    await keepScreenshot(joined, 'user-integrity');
    await context.close();
  });
});
