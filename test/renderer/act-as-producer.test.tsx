import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { fakeKey, IDENTITY_KEY, makeHealth, type Health } from './fixtures';
import { renderWithTransport } from './render-app';
import { makeComputation, makeEpochs, makeModel, makeSummary } from './rewards-fixtures';

withLayout();

const DEMO_PRODUCER_KEY = fakeKey('demoProducer');

/** A demo folder: the identity is a plain buyer and the console signs as the demo producer. */
function demoHealth(): Health {
  const health = makeHealth();
  return { ...health, identity: { ...health.identity, producerKey: DEMO_PRODUCER_KEY, demoProducer: true } };
}

function setup(health: Health, screenId: 'catalog' | 'transparency' = 'catalog') {
  const computation = makeComputation(2967, [makeModel(`${DEMO_PRODUCER_KEY}:lab-7b`, DEMO_PRODUCER_KEY, { payers: 4, perf: 742 }), makeModel(`${IDENTITY_KEY}:own-7b`, IDENTITY_KEY, { payers: 3, perf: 630 })]);
  const transport = fakeTransport({
    'system.health': () => health,
    'settings.get': () => ({ theme: 'system' }),
    'catalog.list': () => ({ items: [], total: 0, nextCursor: null }),
    'rewards.epochs': () => makeEpochs([makeSummary(2968), makeSummary(2967)]),
    'rewards.compute': () => computation,
  });
  renderWithTransport(<UserApp />, transport, screenId);
}

afterEach(() => vi.restoreAllMocks());

describe('act as producer', () => {
  it('offers "Act as producer" in a demo folder and opens the app’s producer page in a new window', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    setup(demoHealth());
    const button = await screen.findByTestId('open-producer');
    expect(button.textContent).toBe('Act as producer');
    expect(button.getAttribute('title')).toContain('demo’s producer');
    fireEvent.click(button);
    expect(open).toHaveBeenCalledTimes(1);
    const [url, target] = open.mock.calls[0]!;
    expect(new URL(String(url)).pathname).toBe('/producer.html');
    // Nothing secret in the address: the new tab inherits the page session from sessionStorage.
    expect(String(url)).not.toContain('session=');
    expect(target).toBe('_blank');
  });

  it('names it "Producer console" where the identity is its own producer', async () => {
    setup(makeHealth());
    expect((await screen.findByTestId('open-producer')).textContent).toBe('Producer console');
  });

  it('is not offered before a marketplace exists', async () => {
    setup(makeHealth(null));
    await screen.findByTestId('status-marketplace');
    await screen.findByText(/No marketplace open/);
    expect(screen.queryByTestId('open-producer')).toBeNull();
  });

  it('marks the demo producer’s row as yours on the transparency page, not the buyer identity’s', async () => {
    setup(demoHealth(), 'transparency');
    const rows = await screen.findAllByTestId('split-row');
    const mine = rows.find((r) => r.getAttribute('data-producer-key') === DEMO_PRODUCER_KEY)!;
    const buyer = rows.find((r) => r.getAttribute('data-producer-key') === IDENTITY_KEY)!;
    expect(within(mine).queryByText('you')).not.toBeNull();
    expect(within(buyer).queryByText('you')).toBeNull();
  });
});
