import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { hostForBlock, hostsForBlock, rpc, type ServedHost } from './host';
import { keepScreenshot } from './screens';
import { demoSimulator } from './simulator';
import { openScreen } from './nav';

const simulator = demoSimulator();
test.afterAll(() => simulator.close());

/** Bayesian average × 100 as the model page shows it: one decimal, rounded half up. */
const oneDecimal = (x100: number) => {
  const tenths = Math.floor((x100 + 5) / 10);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
};

/** Review text is plain text: markup in it must show literally and never become elements or run. */
const HOSTILE = '<script>alert(1)</script><b>x</b>';

/** Pins the playground to a model found by name, sends a prompt and waits for the charged answer. */
async function callModel(page: Page, name: string, prompt: string): Promise<{ chargeHash: string; modelId: string }> {
  await openScreen(page, 'catalog');
  await page.getByTestId('search').fill(name);
  await page.getByTestId('catalog-row').filter({ hasText: name }).first().click();
  const use = page.getByTestId('model-detail').getByTestId('use-model');
  const modelId = (await use.getAttribute('data-model-id'))!;
  await use.click();
  await page.getByTestId('pg-prompt').fill(prompt);
  await simulator.ensure();
  await page.getByTestId('pg-send').click();
  await expect(page.getByTestId('answer')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('answer-model')).toHaveAttribute('data-model-id', modelId);
  return { chargeHash: (await page.getByTestId('answer-charge-link').getAttribute('data-hash'))!, modelId };
}

/**
 * A support model of another producer that nobody has reviewed yet (the demo seeds a few reviews
 * on models that depend on its random keys), so the page's average is this test's review alone.
 */
async function unreviewedModel(request: APIRequestContext, host: ServedHost): Promise<string> {
  const me = (await rpc<{ identity: { producerKey: string } }>(request, host, 'system.health', {})).identity.producerKey;
  const list = await rpc<{ items: Array<{ id: string; name: string; producerKey: string; tasks: string[] }> }>(request, host, 'catalog.list', { filters: { task: 'support' }, sort: 'name', limit: 100 });
  for (const item of list.items) {
    if (item.producerKey === me || item.tasks[0] !== 'support') continue;
    const summary = await rpc<{ count: number; held: number }>(request, host, 'reviews.summary', { modelId: item.id });
    if (summary.count === 0 && summary.held === 0) return item.name;
  }
  throw new Error('every support model of another producer already has a review');
}

async function openModel(page: Page, name: string): Promise<void> {
  await openScreen(page, 'catalog');
  await page.getByTestId('search').fill(name);
  await page.getByTestId('catalog-row').filter({ hasText: name }).first().click();
  await expect(page.getByTestId('model-detail-name')).toContainText(name);
}

test.describe('reviews on one engine', () => {
  const host = hostForBlock({ demo: true });

  test('a user calls another producer’s model and leaves a verified review from the model page', async ({ page, request }) => {
    page.on('dialog', (dialog) => {
      throw new Error(`a review opened a browser dialog: ${dialog.message()}`);
    });
    const name = await unreviewedModel(request, host);
    await page.goto(host.userUrl);
    const { chargeHash, modelId } = await callModel(page, name, 'My parcel never arrived. What now?');

    await openModel(page, name);
    const detail = page.getByTestId('model-detail');
    await expect(detail.getByTestId('review-summary')).toHaveAttribute('data-state', 'empty');
    await keepScreenshot(page, 'user-model-reviews-empty', 1400);
    await detail.getByTestId('write-review').click();
    const form = page.getByTestId('review-form');
    await expect(form.getByTestId('review-charge-select')).toBeVisible();
    await form.getByTestId('review-charge-select').selectOption(chargeHash);
    await form.getByTestId('review-star-5').click();
    await form.getByTestId('review-text-input').fill(`${HOSTILE}\nAnswered my parcel question on the first try.`);
    await expect(form.getByTestId('review-text-counter')).toHaveText('79 / 4,000');
    await form.getByTestId('review-task-select').selectOption('support');
    await keepScreenshot(page, 'user-write-review-dialog');
    await form.getByTestId('review-submit').click();
    await expect(page.getByTestId('review-published')).toHaveAttribute('data-verified', 'true');
    await page.getByTestId('review-done').click();

    const summary = await rpc<{ averageX100: number; verified: number }>(request, host, 'reviews.summary', { modelId });
    expect(summary.verified).toBe(1);
    const review = detail.locator('[data-testid="review"][data-mine="true"]');
    await expect(review.getByTestId('review-verified')).toHaveText('Verified usage');
    await expect(review.getByTestId('review-text')).toHaveText(`${HOSTILE}\nAnswered my parcel question on the first try.`);
    await expect(review.locator('b')).toHaveCount(0);
    await expect(review.locator('script')).toHaveCount(0);
    await expect(detail.getByTestId('review-summary')).toHaveAttribute('data-average', String(summary.averageX100));
    await expect(detail.getByTestId('review-average')).toHaveText(oneDecimal(summary.averageX100));
    await expect(detail.locator('[data-testid="histogram-row"][data-stars="5"]')).toHaveAttribute('data-count', '1');
    await expect(detail.getByTestId('write-review')).toHaveText('Edit your review');
    await keepScreenshot(page, 'user-model-reviews', 1600);

    await openScreen(page, 'my-reviews');
    await expect(page.getByTestId('my-review-model').filter({ hasText: name })).toBeVisible();
    await keepScreenshot(page, 'user-my-reviews', 1000);
  });

  test('the demo’s buyer may review the demo producer’s model (no wall), and can evaluate another’s (charged)', async ({ page }) => {
    await page.goto(host.userUrl);
    // In a demo folder the local identity is a plain buyer; My Model Lab's key signs its models.
    // (A producer's own model still offers no review: test/renderer/review-dialog.test.tsx, and the
    // engine refuses it: test/adversarial/device-key-authority.test.ts.)
    await openModel(page, 'Helpdesk Triage 7B');
    const detail = page.getByTestId('model-detail');
    await expect(detail.getByTestId('write-review')).toBeVisible();
    await expect(detail.getByTestId('review-own-model')).toHaveCount(0);

    await openModel(page, 'Refund Resolver');
    await expect(detail.getByTestId('eval-cost-note')).toContainText('charged to your wallet');
    await simulator.ensure();
    await detail.getByTestId('eval-run').click();
    const result = detail.getByTestId('eval-result');
    await expect(result).toBeVisible({ timeout: 45_000 });
    const cases = Number(await result.getAttribute('data-cases'));
    expect(cases).toBeGreaterThan(0);
    await expect(result.getByTestId('eval-case')).toHaveCount(cases);
    await expect(result.getByTestId('eval-result-cost')).toHaveText(/ cr$/);
    // The run signed a report: measured, since this identity is not the model's producer.
    await expect(detail.locator('[data-testid="eval-report"][data-source="measured"]').filter({ hasText: 'you' })).toHaveCount(1);
    await keepScreenshot(page, 'user-model-evaluation', 1800);
  });
});

test.describe('reviews between two engines of one marketplace', () => {
  const [producerHost, userHost] = hostsForBlock({ demo: true }, { demo: false });

  test('another identity reviews the local producer’s model; the producer replies; the reviewer sees the reply', async ({ browser, request }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const reviewer = await context.newPage();

    // The second engine joins the demo marketplace from its onboarding screen, with an invite of the first.
    const { invite } = await rpc<{ invite: string }>(request, producerHost, 'marketplace.invite', {});
    await reviewer.goto(userHost.userUrl);
    await expect(reviewer.getByTestId('join-marketplace')).toBeVisible();
    await reviewer.getByTestId('join-invite').fill(invite);
    await keepScreenshot(reviewer, 'user-onboarding-join');
    await reviewer.getByTestId('join-submit').click();
    await expect(reviewer.getByTestId('catalog-count')).toHaveText('64 models', { timeout: 60_000 });
    await expect(reviewer.getByTestId('status-sync')).toHaveAttribute('data-state', 'online');

    // Its user gets credits from the demo treasury (the first engine), which arrive by sync.
    const me = (await rpc<{ identity: { publicKey: string } }>(request, userHost, 'system.health', {})).identity.publicKey;
    await rpc(request, producerHost, 'ledger.deposit', { to: me, amount: 5_000_000 });
    await expect.poll(async () => (await rpc<{ balance: number }>(request, userHost, 'ledger.balance', {})).balance, { timeout: 30_000 }).toBe(5_000_000);

    // It calls the local producer's Helpdesk Triage 7B, votes, and turns the vote into a verified review.
    const { chargeHash } = await callModel(reviewer, 'Helpdesk Triage 7B', 'Route this ticket: my invoice is wrong');
    await reviewer.getByTestId('feedback-up').click();
    await reviewer.getByTestId('feedback-to-review').click();
    const form = reviewer.getByTestId('review-form');
    await expect(form.getByTestId('review-charge-select')).toHaveValue(chargeHash);
    await expect(form.getByTestId('review-task-select')).toHaveValue('support');
    await form.getByTestId('review-star-4').click();
    await form.getByTestId('review-text-input').fill(`${HOSTILE} Triage was right.`);
    await form.getByTestId('review-submit').click();
    await expect(reviewer.getByTestId('review-published')).toHaveAttribute('data-verified', 'true');
    await reviewer.getByTestId('review-done').click();

    // The producer's console receives it by sync and replies. (A page in the background gets its
    // animation frames throttled, which slows every click: the page worked on is brought to the front.)
    const producer = await context.newPage();
    await producer.goto(producerHost.producerUrl);
    await openScreen(producer, 'producer-reviews');
    const received = producer.locator(`[data-testid="review"][data-reviewer="${me}"]`);
    await expect(received).toBeVisible({ timeout: 30_000 });
    await expect(received.getByTestId('review-model-name')).toHaveText('Helpdesk Triage 7B');
    await expect(received.getByTestId('review-verified')).toBeVisible();
    await expect(received.getByTestId('review-text')).toHaveText(`${HOSTILE} Triage was right.`);
    await expect(received.locator('b')).toHaveCount(0);
    await received.getByTestId('reply-text').fill('Thank you! Invoices now go to billing first.');
    await received.getByTestId('reply-submit').click();
    await expect(received.getByTestId('reply-done')).toBeVisible();
    await expect(received.getByTestId('review-reply-text')).toHaveText('Thank you! Invoices now go to billing first.');
    await keepScreenshot(producer, 'producer-reviews', 900);
    await openScreen(producer, 'performance');
    await expect(producer.locator('[data-testid="performance-model"]').first()).toBeVisible();
    await keepScreenshot(producer, 'producer-performance', 1700);

    // The reviewer's window shows the reply under the review, without reload.
    await reviewer.bringToFront();
    await openModel(reviewer, 'Helpdesk Triage 7B');
    const mine = reviewer.locator('[data-testid="review"][data-mine="true"]');
    await expect(mine.getByTestId('review-reply-text')).toHaveText('Thank you! Invoices now go to billing first.', { timeout: 30_000 });
    await keepScreenshot(reviewer, 'user-review-with-reply', 1500);
    await context.close();
  });
});
