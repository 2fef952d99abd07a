import { expect, test, type Page } from '@playwright/test';
import { formatCredits } from '../../src-shared/money';
import { hostForBlock, rpc, type ServedHost } from './host';
import { keepScreenshot } from './screens';
import { demoSimulator } from './simulator';
import { openScreen } from './nav';

const simulator = demoSimulator();
test.afterAll(() => simulator.close());

async function openPlayground(page: Page, host: ServedHost, prompt: string): Promise<void> {
  await page.goto(host.userUrl);
  await openScreen(page, 'playground');
  await page.getByTestId('pg-prompt').fill(prompt);
  await page.getByTestId('pg-task').selectOption('support');
}

test.describe('routing from the user window on the demo marketplace', () => {
  const host = hostForBlock({ demo: true });

  test('a prompt is routed, streams in labelled simulated, is charged, and is recorded', async ({ page, request }) => {
    await openPlayground(page, host, 'My invoice shows a double charge for November. What should I do?');
    await page.getByTestId('pg-plan').click();
    await expect(page.getByTestId('plan-candidate').first()).toBeVisible();
    await expect(page.getByTestId('plan-candidate').first().getByTestId('score-quality')).toHaveAttribute('data-value', /^\d+$/);
    await keepScreenshot(page, 'user-playground-plan', 1200);

    await simulator.ensure();
    await page.getByTestId('pg-send').click();
    const answer = page.getByTestId('answer');
    await expect(answer).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    // Deltas for this decision arrived over the event stream before (or alongside) the result.
    await expect(answer).toHaveAttribute('data-deltas', /^[1-9]\d*$/);
    await expect(page.getByTestId('answer-text')).toContainText('Simulated answer from');
    await expect(page.getByTestId('answer-simulated')).toHaveText('simulated');
    await expect(page.getByTestId('answer-model')).toContainText(/\S/);
    await expect(page.getByTestId('plan-chosen')).toBeVisible();
    const decisionId = (await answer.getAttribute('data-decision-id'))!;
    const chargeHash = (await page.getByTestId('answer-charge-link').getAttribute('data-hash'))!;
    const cost = Number(await page.getByTestId('answer-cost').getAttribute('data-micro'));

    // The cost shown is the charge the ledger holds for this call.
    const proof = await rpc<{ entry: { kind: string; memo: { cost: number; decisionId: string } } }>(request, host, 'ledger.proof', { hash: chargeHash });
    expect(proof.entry.kind).toBe('charge');
    expect(proof.entry.memo.cost).toBe(cost);
    expect(proof.entry.memo.decisionId).toBe(decisionId);
    await expect(page.getByTestId('answer-cost')).toHaveText(`${formatCredits(cost)} cr`);
    await keepScreenshot(page, 'user-playground-answer', 1300);

    await page.getByTestId('answer-charge-link').click();
    const detail = page.getByTestId('entry-detail');
    await expect(detail).toHaveAttribute('data-hash', chargeHash);
    await expect(detail.getByTestId('entry-kind')).toHaveText('charge');
    await expect(detail.getByTestId('entry-cost')).toHaveText(`${formatCredits(cost)} cr`);
    await keepScreenshot(page, 'user-ledger-charge', 1000);

    await openScreen(page, 'decisions');
    const row = page.locator(`[data-testid="decision-row"][data-decision-id="${decisionId}"]`);
    await expect(row).toHaveAttribute('data-ok', 'true');
    await expect(row.getByTestId('decision-cost')).toHaveText(`${formatCredits(cost)} cr`);
    await keepScreenshot(page, 'user-decisions');
  });

  test('a max cost per call below every model gives NO_ROUTE naming maxCostPerCall', async ({ page }) => {
    await openPlayground(page, host, 'Reset my password please');
    await page.getByTestId('pg-maxCost').fill('0.000001');
    await page.getByTestId('pg-plan').click();
    const noRoute = page.getByTestId('no-route');
    await expect(noRoute).toHaveAttribute('data-constraint', 'maxCostPerCall');
    await expect(noRoute.getByTestId('no-route-constraint')).toContainText('maxCostPerCall');
    await keepScreenshot(page, 'user-playground-no-route');
  });

  test('"Use this model" pins the playground to that model', async ({ page }) => {
    await page.goto(host.userUrl);
    await page.getByTestId('search').fill('Helpdesk Triage 7B');
    await page.getByTestId('catalog-row').filter({ hasText: 'Helpdesk Triage 7B' }).click();
    const use = page.getByTestId('model-detail').getByTestId('use-model');
    const id = (await use.getAttribute('data-model-id'))!;
    await use.click();
    await expect(page.getByTestId('pinned-model')).toHaveAttribute('data-model-id', id);
    await expect(page.getByTestId('pinned-model-name')).toHaveText('Helpdesk Triage 7B');
    await page.getByTestId('pg-prompt').fill('Route this ticket');
    await page.getByTestId('pg-plan').click();
    await expect(page.getByTestId('plan-chosen')).toHaveAttribute('data-model-id', id);
    await expect(page.getByTestId('plan-excluded-row').filter({ hasText: 'pinnedModel' })).toBeVisible();
    await keepScreenshot(page, 'user-playground-pinned', 1100);
    await page.getByTestId('unpin-model').click();
    await expect(page.getByTestId('pinned-model')).toHaveCount(0);
  });

  test('routing settings round-trip through the engine', async ({ page, request }) => {
    await page.goto(host.userUrl);
    await openScreen(page, 'routing');
    await expect(page.getByTestId('rs-weight-price')).toHaveValue('40');
    await page.getByTestId('rs-weight-price').fill('65');
    await page.getByTestId('rs-daily').fill('1.5');
    await page.getByTestId('rs-save').click();
    await expect(page.getByTestId('rs-saved')).toBeVisible();
    const saved = await rpc<{ weights: { price: number }; budgets: { dailyMicro: number | null } }>(request, host, 'routing.getSettings', {});
    expect(saved.weights.price).toBe(65);
    expect(saved.budgets.dailyMicro).toBe(1_500_000);
    await page.getByTestId('ollama-discover').click();
    await expect(page.getByTestId('ollama-result')).toBeVisible();
    await keepScreenshot(page, 'user-routing-settings', 1000);
  });
});
