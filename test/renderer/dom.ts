import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Vitest runs without globals here, so Testing Library cannot register its own cleanup. */
afterEach(() => cleanup());

/**
 * findBy… and waitFor give up after 1 s by default. On a machine shared with builds and other
 * suites, a screen's chain of fake-engine answers (send → answer → feedback → dialog) can take
 * longer; slowness is not what these tests are about. 3 s stays inside the 5 s test timeout, so
 * a missing element still fails with the element's name.
 */
configure({ asyncUtilTimeout: 3_000 });

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
