import { expect, test } from '@playwright/test';
import { hostForBlock } from './host';
import { keepScreenshot } from './screens';

test.describe('browser mode on the demo marketplace', () => {
  const host = hostForBlock({ demo: true });

  test('the user window shows the demo catalog and the detail of a model', async ({ page }) => {
    await page.goto(host.userUrl);
    await expect(page.getByTestId('catalog-count')).toContainText('64');
    const rows = page.getByTestId('catalog-row');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeGreaterThan(5);
    // The token leaves the visible URL once the page has it.
    expect(page.url()).not.toContain('token=');
    await page.getByTestId('search').fill('coder');
    await expect(page.getByTestId('catalog-count')).toContainText('3');
    await rows.first().click();
    await expect(page.getByTestId('model-detail')).toBeVisible();
    await expect(page.getByTestId('model-detail').getByTestId('source-badge').first()).toContainText(/claimed/i);
    await keepScreenshot(page, 'user-window-demo');
  });

  test('the producer console lists the local producer models', async ({ page }) => {
    await page.goto(host.producerUrl);
    await expect(page.getByTestId('my-models')).toBeVisible();
    await expect(page.getByTestId('my-models')).toContainText('Helpdesk Triage 7B');
    await keepScreenshot(page, 'producer-console-demo');
  });

  test('a theme chosen in one window reaches the other window without reload', async ({ browser }) => {
    const context = await browser.newContext();
    const user = await context.newPage();
    const producer = await context.newPage();
    await user.goto(host.userUrl);
    await producer.goto(host.producerUrl);
    await expect(user.getByTestId('theme-select')).toBeVisible();
    await expect(producer.getByTestId('theme-select')).toBeVisible();
    await user.getByTestId('theme-select').selectOption('dark');
    await expect(producer.locator('html')).toHaveAttribute('data-theme', 'dark');
    await user.getByTestId('theme-select').selectOption('light');
    await expect(producer.locator('html')).toHaveAttribute('data-theme', 'light');
    await context.close();
  });

  test('without the printed URL the page loads but is not authorised', async ({ page }) => {
    const response = await page.goto(`${host.url}/user.html`);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId('unauthorized')).toBeVisible();
  });
});

test.describe('browser mode on an empty data folder', () => {
  const host = hostForBlock({ demo: false });

  test('onboarding offers the demo and opens it', async ({ page }) => {
    await page.goto(host.userUrl);
    await expect(page.getByTestId('onboarding')).toBeVisible();
    await keepScreenshot(page, 'user-window-onboarding');
    await page.getByTestId('open-demo').click();
    await expect(page.getByTestId('catalog-count')).toContainText('64');
  });
});
