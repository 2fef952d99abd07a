import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { formatCredits } from '../../src-shared/money';
import { hostForBlock, rpc } from './host';
import { keepScreenshot } from './screens';
import { openScreen } from './nav';

interface Payload {
  kind: string;
  body: { postings?: Array<{ account: string; amount: number }> };
}

/**
 * The balance of an account recomputed from an export, as docs/ledger-format.md describes the
 * file: a header, then record lines whose bytes are signature (64 bytes) ‖ canonical JSON payload.
 */
function balanceFromExport(jsonl: string, account: string): { balance: number; entries: number } {
  const lines = jsonl.split('\n').filter((line) => line !== '');
  const header = JSON.parse(lines[0]!) as { type: string; format: string; records: number };
  expect(header).toMatchObject({ type: 'header', format: 'infiniroute-ledger' });
  let records = 0;
  let balance = 0;
  let entries = 0;
  for (const line of lines.slice(1)) {
    const parsed = JSON.parse(line) as { type: string; hash?: string; bytes?: string };
    if (parsed.type !== 'record') continue;
    records += 1;
    const bytes = Buffer.from(parsed.bytes!, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(parsed.hash);
    const payload = JSON.parse(bytes.subarray(64).toString('utf8')) as Payload;
    if (payload.kind !== 'ledger-entry') continue;
    const posting = payload.body.postings?.find((p) => p.account === account);
    if (posting) {
      balance += posting.amount;
      entries += 1;
    }
  }
  expect(records).toBe(header.records);
  return { balance, entries };
}

test.describe('wallet and ledger explorer on the demo marketplace', () => {
  const host = hostForBlock({ demo: true });
  let me: string;
  /** Who the producer console signs as: in a demo folder the demo producer, not the local buyer. */
  let producer: string;
  test.beforeAll(async ({ request }) => {
    const { identity } = await rpc<{ identity: { publicKey: string; producerKey: string } }>(request, host, 'system.health', {});
    me = identity.publicKey;
    producer = identity.producerKey;
  });

  test('the wallet balance is the sum of the postings to user:<me> in the exported ledger', async ({ page, request }) => {
    const before = balanceFromExport((await rpc<{ jsonl: string }>(request, host, 'ledger.export', {})).jsonl, `user:${me}`);
    expect(before.entries).toBeGreaterThan(0);
    await page.goto(host.userUrl);
    await openScreen(page, 'wallet');
    const balance = page.getByTestId('wallet-balance');
    await expect(balance).toHaveAttribute('data-micro', String(before.balance));
    await expect(balance).toHaveText(`${formatCredits(before.balance)} cr`);
    await expect(page.getByTestId('spend-chart')).toBeVisible();
    await keepScreenshot(page, 'user-wallet', 1000);

    // The demo identity holds the treasury key: a deposit reaches the balance through ledger.changed.
    await page.getByTestId('deposit-amount').fill('2.5');
    await page.getByTestId('deposit-submit').click();
    await expect(page.getByTestId('deposit-done')).toContainText('Deposited 2.5 cr');
    await expect(balance).toHaveAttribute('data-micro', String(before.balance + 2_500_000));
    const after = balanceFromExport((await rpc<{ jsonl: string }>(request, host, 'ledger.export', {})).jsonl, `user:${me}`);
    expect(after.balance).toBe(before.balance + 2_500_000);
    await expect(balance).toHaveText(`${formatCredits(after.balance)} cr`);
  });

  test('the explorer shows an entry with its inclusion proof, and Verify says verified', async ({ page }) => {
    await page.goto(host.userUrl);
    await openScreen(page, 'ledger');
    await page.getByTestId('ledger-account').selectOption('user');
    await page.getByTestId('ledger-kind').selectOption('charge');
    const rows = page.getByTestId('ledger-row');
    await expect(rows.first()).toHaveAttribute('data-kind', 'charge');
    await expect(page.getByTestId('ledger-running').first()).toHaveText(/ cr$/);
    await rows.first().click();
    const detail = page.getByTestId('entry-detail');
    await expect(detail.getByTestId('entry-proof')).toBeVisible();
    await expect(detail.getByTestId('proof-root')).toHaveText(/^[0-9a-f]{64}$/);
    await expect(detail.getByTestId('entry-hash')).toHaveText((await rows.first().getAttribute('data-hash'))!);
    await detail.getByTestId('verify-entry').click();
    await expect(detail.getByTestId('verify-result')).toHaveAttribute('data-verified', 'true');
    await expect(detail.getByTestId('verify-result')).toContainText('Verified');

    await page.getByTestId('ledger-verify').click();
    await expect(page.getByTestId('ledger-verify-result')).toHaveAttribute('data-ok', 'true');
    await keepScreenshot(page, 'user-ledger-explorer', 1000);
  });

  test('Export downloads the ledger as a JSON Lines file', async ({ page, request }) => {
    await page.goto(host.userUrl);
    await openScreen(page, 'ledger');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^infiniroute-ledger-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const text = await readFile((await download.path())!, 'utf8');
    const fromFile = balanceFromExport(text, `user:${me}`);
    const balance = await rpc<{ balance: number }>(request, host, 'ledger.balance', {});
    expect(fromFile.balance).toBe(balance.balance);
    await expect(page.getByTestId('ledger-export-done')).toContainText('.jsonl');
  });

  test('the producer console shows earnings per model and the producer balance', async ({ page, request }) => {
    const balance = await rpc<{ balance: number }>(request, host, 'ledger.balance', { account: `producer:${producer}` });
    await page.goto(host.producerUrl);
    await openScreen(page, 'revenue');
    await expect(page.getByTestId('producer-balance')).toHaveAttribute('data-micro', String(balance.balance));
    await expect(page.getByTestId('revenue-row').first()).toBeVisible();
    await expect(page.getByTestId('revenue-chart')).toBeVisible();
    await keepScreenshot(page, 'producer-revenue', 1000);
  });
});
