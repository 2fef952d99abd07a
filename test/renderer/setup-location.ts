import { beforeEach } from 'vitest';

// The windows keep their view in the address's hash (nav/useHashRoute.ts); jsdom keeps one
// location for a whole file, so each test starts at a plain address like a freshly opened window.
beforeEach(() => {
  window.history.replaceState(null, '', '/');
});
