import { expect, test, type Locator, type Page } from '@playwright/test';
import { hostForBlock } from './host';
import { demoSimulator } from './simulator';

const simulator = demoSimulator();
test.afterAll(() => simulator.close());

/** Keyboard only: move focus to a control (as Tab would) and press a key on it; never a click. */
async function press(page: Page, target: Locator, key = 'Enter'): Promise<void> {
  await target.focus();
  await page.keyboard.press(key);
}

async function type(page: Page, target: Locator, text: string): Promise<void> {
  await target.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

test.describe('a newcomer with the keyboard only', () => {
  test.describe.configure({ timeout: 180_000 });
  const host = hostForBlock({ demo: false });

  test('empty folder → demo → route a prompt → review the model → compare three for a task → producer console → set a price', async ({ page }) => {
    await page.goto(host.userUrl);
    await expect(page.getByTestId('onboarding')).toBeVisible();
    // The first Tab stop is the skip link.
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('skip-link')).toBeFocused();

    await press(page, page.getByTestId('open-demo'));
    await expect(page.getByTestId('first-steps')).toBeVisible({ timeout: 60_000 });
    await press(page, page.getByTestId('first-route'));
    await expect(page).toHaveURL(/#\/playground$/);

    await type(page, page.getByTestId('pg-prompt'), 'My parcel never arrived. What should I do?');
    await simulator.ensure();
    await press(page, page.getByTestId('pg-send'));
    const answer = page.getByTestId('answer');
    await expect(answer).toHaveAttribute('data-state', 'done', { timeout: 30_000 });

    // Review the model that answered, from the answer's own feedback.
    await press(page, page.getByTestId('feedback-up'));
    await press(page, page.getByTestId('feedback-to-review'));
    const form = page.getByTestId('review-form');
    await expect(form).toBeVisible();
    await press(page, form.getByTestId('review-rating-5'), 'Space');
    await type(page, form.getByTestId('review-text-input'), 'Answered on the first try.');
    await press(page, form.getByTestId('review-submit'));
    await expect(page.getByTestId('review-published')).toHaveAttribute('data-verified', 'true');
    await press(page, page.getByTestId('review-done'));

    // Compare three chat models: the task, then three rows ticked with Space in the grid.
    await press(page, page.getByTestId('nav-catalog'));
    await page.getByTestId('task-filter').focus();
    await page.keyboard.type('chat');
    await expect(page.getByTestId('sort-accuracy')).toContainText('Accuracy · chat');
    const grid = page.getByTestId('catalog-list');
    await grid.focus();
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Space');
    }
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('compare-tray-item')).toHaveCount(3);
    await press(page, page.getByTestId('compare-open'));
    await expect(page.getByTestId('compare-table')).toBeVisible();
    await expect(page).toHaveURL(/#\/compare\?ids=[^&]+$/);
    await expect(page.getByTestId('compare-task')).toHaveValue('chat');

    // "Act as producer" opens the producer console in a new tab that keeps the page session and
    // signs as the demo's producer: set a price, seeing what it would do first.
    await expect(page.getByTestId('open-producer')).toHaveText('Act as producer');
    const opened = page.waitForEvent('popup');
    await press(page, page.getByTestId('open-producer'));
    const producer = await opened;
    await expect(producer).toHaveURL(/\/producer\.html(#\/[a-z-]*)?$/);
    await press(producer, producer.getByTestId('nav-pricing'));
    await expect(producer.getByTestId('market-position')).toBeVisible();
    await type(producer, producer.getByTestId('price-inputPer1M'), '0.5');
    await expect(producer.getByTestId('pricing-projection').getByTestId('projection-table')).toBeVisible();
    await press(producer, producer.getByTestId('price-save'));
    await expect(producer.getByTestId('price-saved')).toContainText('in force now');
  });
});
