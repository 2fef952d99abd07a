import { mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';

/**
 * Screenshots are kept as test artefacts (test-results/screens) for a person to look at. The windows
 * scroll inside their screens; a taller viewport (height) shows a whole screen at once.
 */
export async function keepScreenshot(page: Page, name: string, height?: number): Promise<void> {
  await mkdir('test-results/screens', { recursive: true });
  if (height) await page.setViewportSize({ width: 1280, height });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  if (height) await page.setViewportSize({ width: 1280, height: 800 });
}
