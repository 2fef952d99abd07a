import { expect, type Page } from '@playwright/test';

/**
 * Opens a screen from the window's nav, wherever it is: the nav shows as many links as fit and puts
 * the rest under "More" (src-renderer/src/shell/ScreenNav.tsx), so which one a click needs depends
 * on the window's width.
 */
export async function openScreen(page: Page, id: string): Promise<void> {
  const link = page.getByTestId(`nav-${id}`);
  const more = page.getByTestId('nav-more');
  await expect(link.or(more).first()).toBeVisible();
  if ((await link.count()) === 0) await more.click();
  await link.click();
}
