import { expect, test } from '@playwright/test';
import { callCost, formatCredits, type Price } from '../../src-shared/money';
import { hostForBlock, rpc, rpcAnswer } from './host';
import { keepScreenshot } from './screens';
import { openScreen } from './nav';

const money = (micro: number) => `${formatCredits(micro)} cr`;

interface Item {
  id: string;
  name: string;
  producerKey: string;
  price: Price | null;
  tasks: string[];
  metrics: { accuracyBps: Record<string, { value: number }> };
}

test.describe('catalog, comparison and the pricing console on the demo marketplace', () => {
  const host = hostForBlock({ demo: true });

  test('a price set in the producer console reaches the open user window without reload', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const user = await context.newPage();
    const producer = await context.newPage();
    await user.goto(host.userUrl);
    await user.getByTestId('search').fill('Helpdesk Triage');
    const row = user.getByTestId('catalog-row').filter({ hasText: 'Helpdesk Triage 7B' });
    await expect(row).toHaveCount(1);
    // A reload would drop this marker: the update must arrive through catalog.changed.
    await user.evaluate(() => ((globalThis as unknown as { noReload: boolean }).noReload = true));

    await producer.goto(host.producerUrl);
    await producer.getByTestId('catalog-row').filter({ hasText: 'Helpdesk Triage 7B' }).click();
    await expect(producer.getByTestId('model-detail')).toContainText('Helpdesk Triage 7B');
    await keepScreenshot(producer, 'producer-my-models');
    await producer.getByTestId('open-pricing').click();
    await expect(producer.getByTestId('market-position')).toBeVisible();

    await producer.getByTestId('price-inputPer1M').fill('0.321');
    await producer.getByTestId('price-outputPer1M').fill('0.654');
    await producer.getByTestId('price-perRequest').fill('0.000007');
    // The market position follows the typed price before anything is saved.
    await expect(producer.getByTestId('candidate-value')).toBeVisible();
    await expect(producer.getByTestId('candidate-quartile')).toBeVisible();
    await expect(producer.getByTestId('position-scatter-frontier')).toHaveCount(1);
    await keepScreenshot(producer, 'producer-pricing', 1500);

    await producer.getByTestId('price-save').click();
    await expect(producer.getByTestId('price-saved')).toContainText('in force now');
    // ceil(1000 × 321000 / 1e6) + ceil(500 × 654000 / 1e6) + 7 = 321 + 327 + 7 micro-credits.
    const reference = callCost({ inputPer1M: 321_000, outputPer1M: 654_000, perRequest: 7 }, 1_000, 500);
    expect(reference).toBe(655);
    await expect(producer.getByTestId('current-reference-cost')).toHaveText(money(reference));
    await expect(producer.getByTestId('price-history-row').first()).toHaveAttribute('data-current', 'true');

    await expect(row.getByTestId('price-per-1m')).toHaveText('in 0.321 crout 0.654 cr');
    await expect(row.getByTestId('reference-cost')).toHaveText(money(reference));
    expect(await user.evaluate(() => (globalThis as unknown as { noReload?: boolean }).noReload)).toBe(true);
    await row.click();
    await expect(user.getByTestId('model-reference-cost')).toHaveText(money(reference));
    await expect(user.getByTestId('price-chart-current')).toContainText(money(reference));
    await keepScreenshot(user, 'user-model-page');
    await context.close();
  });

  test('browse, filter, pick three models and compare them', async ({ page, request }) => {
    await page.goto(host.userUrl);
    await expect(page.getByTestId('catalog-count')).toContainText('64');
    await page.getByTestId('task-filter').selectOption('support');
    await page.getByTestId('filter-industry').selectOption('saas');
    await expect(page.getByTestId('catalog-count')).toHaveText('10 models');
    await keepScreenshot(page, 'user-catalog-filters');

    const rows = page.getByTestId('catalog-row');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await rows.nth(i).getAttribute('data-model-id'))!);
      await rows.nth(i).getByTestId('compare-checkbox').check();
    }
    await expect(page.getByTestId('compare-tray-item')).toHaveCount(3);
    await page.getByTestId('compare-open').click();
    await expect(page.getByTestId('compare-table')).toBeVisible();

    const items = await Promise.all(ids.map((id) => rpc<Item>(request, host, 'catalog.get', { id })));
    const prices = items.map((item) => item.price!);
    await expect(page.getByTestId('compare-task')).toHaveValue('support');

    const bestCells = (key: string) => page.locator(`[data-testid="compare-row"][data-key="${key}"] [data-testid="compare-cell"][data-best="true"]`);
    const reference = prices.map((p) => callCost(p, 1_000, 500));
    const cheapest = Math.min(...reference);
    await expect(bestCells('referenceCost')).toHaveCount(reference.filter((c) => c === cheapest).length);
    await expect(bestCells('referenceCost').first()).toHaveAttribute('data-model-id', ids[reference.indexOf(cheapest)]!);
    await expect(bestCells('referenceCost').first()).toHaveText(money(cheapest));
    const accuracy = items.map((item) => item.metrics.accuracyBps.support!.value);
    const top = Math.max(...accuracy);
    await expect(bestCells('accuracyBps').first()).toHaveAttribute('data-model-id', ids[accuracy.indexOf(top)]!);

    const workload = { inputTokens: 2_000, outputTokens: 300, requestsPerMonth: 5_000 };
    await page.getByTestId('workload-input').fill('2000');
    await page.getByTestId('workload-output').fill('300');
    await page.getByTestId('workload-requests').fill('5,000');
    await expect(page.getByTestId('workload-echo')).toContainText('2,000 input + 300 output');
    const perRequest = prices.map((p) => Math.ceil((2_000 * p.inputPer1M) / 1e6) + Math.ceil((300 * p.outputPer1M) / 1e6) + p.perRequest);
    for (const [i, id] of ids.entries()) {
      expect(perRequest[i]).toBe(callCost(prices[i]!, workload.inputTokens, workload.outputTokens));
      const line = page.locator(`[data-testid="workload-row"][data-model-id="${id}"]`);
      await expect(line.getByTestId('workload-per-request')).toHaveText(money(perRequest[i]!));
      await expect(line.getByTestId('workload-per-month')).toHaveText(money(perRequest[i]! * workload.requestsPerMonth));
    }
    const least = ids[perRequest.indexOf(Math.min(...perRequest))]!;
    await expect(page.locator('[data-testid="workload-row"][data-cheapest="true"]').first()).toHaveAttribute('data-model-id', least);

    const scatter = page.getByTestId('compare-scatter');
    await expect(scatter.getByTestId('compare-scatter-frontier')).toHaveAttribute('d', /^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+$/);
    await expect(scatter.locator('[data-testid="compare-scatter-point"][data-mark="compared"]')).toHaveCount(3);
    const labels = await scatter.getByTestId('compare-scatter-label').allTextContents();
    expect(labels.sort()).toEqual(items.map((item) => item.name).sort());
    await keepScreenshot(page, 'user-compare', 1300);
  });

  test('only its producer can price a model', async ({ page, request }) => {
    const health = await rpc<{ identity: { publicKey: string } }>(request, host, 'system.health', {});
    const found = await rpc<{ items: Item[] }>(request, host, 'catalog.list', { query: 'Support Agent 70B' });
    const theirs = found.items[0]!;
    expect(theirs.producerKey).not.toBe(health.identity.publicKey);

    const answer = await rpcAnswer(request, host, 'pricing.set', { modelId: theirs.id, price: { inputPer1M: 1, outputPer1M: 1, perRequest: 0 } });
    expect(answer.result).toBeUndefined();
    expect(answer.error?.data?.code).toBe('FORBIDDEN');
    const after = await rpc<Item>(request, host, 'catalog.get', { id: theirs.id });
    expect(after.price).toEqual(theirs.price);

    await page.goto(host.userUrl);
    await page.getByTestId('search').fill('Support Agent 70B');
    await page.getByTestId('catalog-row').filter({ hasText: 'Support Agent 70B' }).click();
    await expect(page.getByTestId('model-detail-name')).toContainText('Support Agent 70B');
    await expect(page.getByTestId('compare-toggle')).toBeVisible();
    await expect(page.getByTestId('price-editor')).toHaveCount(0);
    await expect(page.getByTestId('open-pricing')).toHaveCount(0);
    await expect(page.getByTestId('nav-pricing')).toHaveCount(0);
  });

  test('the producer console: new listing form and profile', async ({ page }) => {
    await page.goto(host.producerUrl);
    await page.getByTestId('new-model').click();
    await page.getByTestId('listing-name').fill('E2E Ticket Sorter');
    await page.getByTestId('listing-task-support').check();
    await page.getByTestId('listing-submit').click();
    await expect(page.getByTestId('listing-invalid')).toBeVisible();
    await expect(page.getByTestId('listing-slug')).toHaveValue('e2e-ticket-sorter');
    await keepScreenshot(page, 'producer-new-model', 1300);

    await page.getByTestId('listing-baseUrl').fill('http://127.0.0.1:5318/v1');
    await page.getByTestId('listing-endpointModel').fill('e2e-ticket-sorter');
    await page.getByTestId('listing-accuracy-support').fill('77.5');
    await page.getByTestId('listing-latencyP50').fill('200');
    await page.getByTestId('listing-latencyP95').fill('600');
    await page.getByTestId('listing-successRate').fill('99');
    await page.getByTestId('listing-throughput').fill('100');
    await page.getByTestId('listing-priceIn').fill('0.1');
    await page.getByTestId('listing-priceOut').fill('0.2');
    await page.getByTestId('listing-submit').click();
    await expect(page.getByTestId('model-detail-name')).toContainText('E2E Ticket Sorter');
    await expect(page.getByTestId('catalog-count')).toHaveText('5 models');
    await expect(page.getByTestId('model-reference-cost')).toHaveText(money(callCost({ inputPer1M: 100_000, outputPer1M: 200_000, perRequest: 0 }, 1_000, 500)));

    await openScreen(page, 'profile');
    await expect(page.getByTestId('profile-name')).toHaveValue('My Model Lab');
    await keepScreenshot(page, 'producer-profile');
  });
});
