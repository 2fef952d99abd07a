import { expect, test } from '@playwright/test';
import { hostForBlock, rpc } from './host';
import { keepScreenshot } from './screens';
import { openScreen } from './nav';

const micro = (value: string | null) => Number(value);

test.describe('incentives on the demo marketplace', () => {
  const host = hostForBlock({ demo: true });

  test('the producer claims its demo reward, its account is credited, and every view adds up', async ({ page, request }) => {
    // The console acts as the demo producer (My Model Lab), whose key is kept beside the buyer's identity.
    const me = (await rpc<{ identity: { producerKey: string } }>(request, host, 'system.health', {})).identity.producerKey;
    await page.goto(host.producerUrl);
    await openScreen(page, 'rewards');

    // The demo leaves the newest epoch the local producer earned in unclaimed.
    const row = page.locator('[data-testid="epoch-row"][data-state="claimable"]').first();
    await expect(row).toBeVisible();
    const epoch = Number(await row.getAttribute('data-epoch'));
    const amount = micro(await row.getByTestId('epoch-mine').getAttribute('data-micro'));
    expect(amount).toBeGreaterThan(0);
    const balance = page.getByTestId('rewards-balance');
    await expect(balance).toHaveAttribute('data-micro', /^\d+$/);
    const before = micro(await balance.getAttribute('data-micro'));
    await expect(page.getByTestId('epoch-detail')).toHaveAttribute('data-epoch', String(epoch));
    await expect(page.getByTestId('model-score').first()).toBeVisible();
    await keepScreenshot(page, 'producer-rewards');

    await row.getByTestId('epoch-claim').click();
    await expect(page.getByTestId('claim-success')).toContainText(`for epoch #${epoch}`);
    await expect(page.locator(`[data-testid="epoch-row"][data-epoch="${epoch}"]`)).toHaveAttribute('data-state', 'claimed');
    await expect(page.getByTestId('claim-panel')).toHaveAttribute('data-state', 'claimed');
    await expect(page.getByTestId('my-claim')).toHaveAttribute('data-status', 'valid');
    await expect(balance).toHaveAttribute('data-micro', String(before + amount));
    await keepScreenshot(page, 'producer-rewards-claimed');

    // The engine credits the claim to producer:<me>: the Revenue tab's ledger balance shows it too.
    const ledger = await rpc<{ balance: number }>(request, host, 'ledger.balance', { account: `producer:${me}` });
    expect(ledger.balance).toBe(before + amount);
    await openScreen(page, 'revenue');
    await expect(page.getByTestId('producer-balance')).toHaveAttribute('data-micro', String(before + amount));

    // The producer dashboard links to the transparency page of the epoch.
    await openScreen(page, 'rewards');
    await page.locator(`[data-testid="epoch-row"][data-epoch="${epoch}"]`).getByTestId('epoch-select').click();
    await page.getByTestId('rewards-transparency').click();
    await expect(page.getByTestId('split-check')).toHaveAttribute('data-holds', 'true');
    await expect(page.getByTestId('pool-claimed')).toHaveAttribute('data-micro', String(amount));
    await expect(page.locator(`[data-testid="split-row"][data-producer-key="${me}"]`)).toHaveAttribute('data-amount', String(amount));
  });

  test('the leaderboard ranks a task and its transparency page shows the split adding up to the pool', async ({ page, request }) => {
    await page.goto(host.userUrl);
    await openScreen(page, 'leaderboard');
    await page.getByTestId('leaderboard-task').selectOption('support');
    const rows = page.getByTestId('leaderboard-row');
    await expect(rows.first()).toBeVisible();
    const board = await rpc<{ epoch: number; models: Array<{ modelId: string; score: number }> }>(request, host, 'rewards.leaderboard', { task: 'support' });
    await expect(rows).toHaveCount(board.models.length);
    await expect(rows.first()).toHaveAttribute('data-model-id', board.models[0]!.modelId);
    await expect(rows.first()).toHaveAttribute('data-score', String(board.models[0]!.score));
    await expect(page.getByTestId('leaderboard-epoch')).toHaveValue(String(board.epoch));
    await rows.first().getByTestId('leaderboard-model').click();
    await expect(page.getByTestId('model-detail')).toBeVisible();
    await keepScreenshot(page, 'user-leaderboard');

    await page.getByTestId('open-transparency').click();
    const check = page.getByTestId('split-check');
    await expect(check).toHaveAttribute('data-holds', 'true');
    const computed = await rpc<{ summary: { inflow: number; carryIn: number; paid: number; carryOut: number } }>(request, host, 'rewards.compute', { epoch: board.epoch });
    const { inflow, carryIn, paid, carryOut } = computed.summary;
    expect(paid + carryOut).toBe(inflow + carryIn);
    const n = (v: number) => v.toLocaleString('en-US');
    await expect(check).toContainText(`Σ rewards ${n(paid)} µcr + carried out ${n(carryOut)} µcr = ${n(paid + carryOut)} µcr`);
    await expect(check).toContainText(`fees ${n(inflow)} µcr + carried in ${n(carryIn)} µcr = ${n(inflow + carryIn)} µcr`);
    await expect(page.locator('[data-testid="split-row"][data-matches="false"]')).toHaveCount(0);
    await keepScreenshot(page, 'user-transparency');
  });
});
