import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Vitest runs without globals here, so Testing Library cannot register its own cleanup. */
afterEach(() => cleanup());

/**
 * jsdom does no layout, so every element measures 0×0 and the virtualizer would render no rows.
 * Give elements a viewport-sized box for the duration of a file.
 */
export function withLayout(height = 600, width = 1000): void {
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width });
  });
  afterAll(() => {
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  });
}
