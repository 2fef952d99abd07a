import { configure, getConfig } from '@testing-library/react';

// CI machines run the whole suite on two cores beside Chromium and child engines: findBy*/waitFor
// get the time a loaded machine needs, instead of the 1 s default that makes them flaky.
configure({ asyncUtilTimeout: 5_000 });

/**
 * Renders caused by fake-engine answers run outside act(), on React's scheduler (setImmediate
 * here), and one can still be queued when findBy… resolves: an event fired then reaches handlers
 * of the previous render (a click that sends the form as it was before the last keystroke). After
 * every findBy… / waitFor, the scheduler's queued work runs before the test goes on.
 */
const baseAsyncWrapper = getConfig().asyncWrapper;
// The DOM typings of this project do not know Node's setImmediate; vitest's jsdom has it.
const nextImmediate = () => new Promise<void>((resolve) => (globalThis as unknown as { setImmediate(callback: () => void): void }).setImmediate(resolve));
configure({
  asyncWrapper: async (callback) => {
    const result: unknown = await baseAsyncWrapper(callback);
    for (let round = 0; round < 4; round++) {
      await nextImmediate();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return result;
  },
});
