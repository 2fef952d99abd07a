import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { demoScreens, openVisit } from './all-screens';
import { hostForBlock } from './host';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
const THEMES = ['light', 'dark'] as const;

/** Serious and critical axe findings, one line each, so a failure names the rule and the element. */
async function axeFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 5).map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

/**
 * Where the page is wider than the window, and every number that wrapped onto a second line (a text
 * of a numeric cell whose boxes sit at more than one height). Runs in the page, hence a string:
 * this project's E2E code is typed for Node, not the DOM.
 */
const LAYOUT_PROBLEMS = `(() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > window.innerWidth) problems.push('page is ' + doc.scrollWidth + 'px wide in a ' + window.innerWidth + 'px window');
  for (const cell of document.querySelectorAll('.num')) {
    const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) problems.push('"' + node.textContent.trim() + '" wraps onto ' + tops.size + ' lines');
    }
  }
  return problems;
})()`;

async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(LAYOUT_PROBLEMS);
}

test.describe('every screen at 1024×700 and 1440×900, light and dark', () => {
  test.describe.configure({ timeout: 600_000 });
  const host = hostForBlock({ demo: true });

  test('no horizontal overflow, no wrapped number, no serious axe finding; screenshots kept', async ({ browser, request }) => {
    const visits = await demoScreens(request, host);
    await mkdir('test-results/screens', { recursive: true });
    const found: string[] = [];
    for (const theme of THEMES) {
      const context = await browser.newContext({ colorScheme: theme, viewport: SIZES[0] });
      const page = await context.newPage();
      for (const visit of visits) {
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await openVisit(page, host, visit);
          const name = `${visit.window}-${visit.name}-${size.width}-${theme}`;
          await page.screenshot({ path: `test-results/screens/${name}.png` });
          // axe judges the DOM and the colours, which do not change with the width: once per theme.
          if (size.width === 1024) {
            found.push(...(await layoutProblems(page)).map((p) => `${name}: ${p}`));
            found.push(...(await axeFindings(page)).map((p) => `${name}: ${p}`));
          }
        }
      }
      await context.close();
    }
    expect(found).toEqual([]);
  });
});
