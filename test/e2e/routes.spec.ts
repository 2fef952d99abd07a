import { expect, test } from '@playwright/test';
import { hostForBlock, rpc } from './host';
import { openScreen } from './nav';

interface Listed {
  items: Array<{ id: string; name: string }>;
}

test.describe('every view has a URL: Back, Forward, reload and bookmarks', () => {
  const host = hostForBlock({ demo: true });

  test('a model page opened with Enter survives reload and walks Back / Forward', async ({ page }) => {
    await page.goto(host.userUrl);
    const list = page.getByTestId('catalog-list');
    await expect(page.getByTestId('catalog-row').first()).toBeVisible();
    await list.focus();
    await page.keyboard.press('ArrowDown');
    const first = await page.getByTestId('catalog-row').first().getAttribute('data-model-id');
    await expect(list).toHaveAttribute('aria-activedescendant', /row-0$/);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('model-page')).toBeVisible();
    expect(page.url()).toContain(`#/model/${encodeURIComponent(first!)}`);
    const name = await page.getByTestId('model-page-name').textContent();

    await page.reload();
    await expect(page.getByTestId('model-page-name')).toHaveText(name!);

    await page.goBack();
    await expect(page.getByTestId('catalog-list')).toBeVisible();
    expect(page.url()).toMatch(/#\/catalog$/);
    await page.goForward();
    await expect(page.getByTestId('model-page-name')).toHaveText(name!);
  });

  test('the compare set and its task are in the URL, so a reload keeps them', async ({ page, request }) => {
    const chat = await rpc<Listed>(request, host, 'catalog.list', { filters: { task: 'chat' }, limit: 3 });
    await page.goto(host.userUrl);
    await page.getByTestId('task-filter').selectOption('chat');
    for (const item of chat.items) await page.locator(`[data-model-id="${item.id}"]`).getByTestId('compare-checkbox').check();
    await page.getByTestId('compare-open').click();
    await expect(page.getByTestId('compare-table')).toBeVisible();
    await expect(page).toHaveURL(/#\/compare\?ids=/);
    await page.reload();
    await expect(page.getByTestId('compare-table')).toBeVisible();
    for (const item of chat.items) await expect(page.getByTestId('compare-table')).toContainText(item.name);
    await page.goBack();
    await expect(page.getByTestId('catalog-list')).toBeVisible();
  });

  test('a ledger entry and a producer screen open from their URLs', async ({ page, request }) => {
    const entries = await rpc<{ items: Array<{ hash: string }> }>(request, host, 'ledger.entries', { limit: 1 });
    const hash = entries.items[0]!.hash;
    await page.goto(`${host.userUrl}#/ledger/${encodeURIComponent(hash)}`);
    await expect(page.getByTestId('entry-detail')).toBeVisible();
    await expect(page.getByTestId('entry-detail')).toHaveAttribute('data-hash', hash);

    // The producer console of a demo folder signs as the demo producer, not the local buyer.
    const health = await rpc<{ identity: { producerKey: string } }>(request, host, 'system.health', {});
    const mine = await rpc<Listed>(request, host, 'catalog.list', { filters: { producer: health.identity.producerKey }, limit: 1 });
    await page.goto(`${host.producerUrl}#/pricing/${encodeURIComponent(mine.items[0]!.id)}`);
    await expect(page.getByTestId('pricing-model')).toHaveValue(mine.items[0]!.id);
    await openScreen(page, 'revenue');
    await expect(page).toHaveURL(/#\/revenue$/);
    await page.goBack();
    await expect(page.getByTestId('market-position')).toBeVisible();
  });

  test('a bookmark opens its view once the page is authorized again', async ({ browser, request }) => {
    const chat = await rpc<Listed>(request, host, 'catalog.list', { filters: { task: 'chat' }, limit: 1 });
    const view = `#/model/${encodeURIComponent(chat.items[0]!.id)}`;
    const context = await browser.newContext();
    const page = await context.newPage();
    // The bookmark alone (no session in this tab yet): the page itself needs no credential (no
    // cookie, docs/security.md §6), so it loads, and shows that it is not authorized — no data.
    const refused = await page.goto(`${host.url}/user.html${view}`);
    expect(refused?.status()).toBe(200);
    await expect(page.getByTestId('unauthorized')).toBeVisible();
    await expect(page.getByTestId('model-page-name')).toHaveCount(0);
    // …and the URL `serve` prints, with the bookmark's view after it, opens that view.
    await page.goto(`${host.userUrl}${view}`);
    await expect(page.getByTestId('model-page-name')).toHaveText(chat.items[0]!.name);
    expect(page.url()).not.toContain('token=');
    expect(page.url()).toContain(view);
    // Authorized now (the session is in this tab's sessionStorage): the bare bookmark works in this tab.
    await page.goto('about:blank');
    await page.goto(`${host.url}/user.html${view}`);
    await expect(page.getByTestId('model-page-name')).toHaveText(chat.items[0]!.name);
    await context.close();
  });
});
