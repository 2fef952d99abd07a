import { act, fireEvent, renderHook, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientProvider } from '../../src-renderer/src/client/ClientContext';
import { REFETCH_EVERY_MS, useRefetchOn } from '../../src-renderer/src/client/useRefetchOn';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { DEMO_MARKETPLACE, fakeKey, makeCatalogItem, makeHealth, type MarketplaceInfo } from './fixtures';
import { renderWithTransport } from './render-app';
import { makePeer, makeSyncStatus } from './review-fixtures';

withLayout();

const changed = { modelIds: ['m:1'], total: 1 };
const syncChanged = { peers: 1, pendingDocs: 0, quarantined: 0, conflicts: 0, truncations: 0 };

function subscribe(events: Parameters<typeof useRefetchOn>[0]) {
  const transport = fakeTransport({});
  const refetch = vi.fn();
  const wrapper = ({ children }: { children: ReactNode }) => <ClientProvider transport={transport}>{children}</ClientProvider>;
  const hook = renderHook(() => useRefetchOn(events, refetch), { wrapper });
  return { transport, refetch, hook };
}

describe('useRefetchOn under a burst of events', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('re-reads at once for one event, then at most once per interval, always after the last event', () => {
    vi.useFakeTimers();
    const { transport, refetch } = subscribe(['catalog.changed', 'sync.changed']);
    transport.emit('catalog.changed', changed);
    expect(refetch).toHaveBeenCalledTimes(1);
    // A first sync: events every 100 ms for two seconds.
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(100);
      if (i % 2 === 0) transport.emit('catalog.changed', changed);
      else transport.emit('sync.changed', syncChanged);
    }
    expect(refetch.mock.calls.length).toBeLessThanOrEqual(1 + (20 * 100) / REFETCH_EVERY_MS);
    expect(refetch.mock.calls.length).toBeGreaterThanOrEqual(3);
    const beforeTail = refetch.mock.calls.length;
    // The burst's last event is read too, once the interval has passed.
    vi.advanceTimersByTime(REFETCH_EVERY_MS);
    expect(refetch).toHaveBeenCalledTimes(beforeTail + 1);
    vi.advanceTimersByTime(10 * REFETCH_EVERY_MS);
    expect(refetch).toHaveBeenCalledTimes(beforeTail + 1);
    // Quiet since: the next event is read at once again.
    transport.emit('catalog.changed', changed);
    expect(refetch).toHaveBeenCalledTimes(beforeTail + 2);
  });

  it('counts a reconnect of the event stream like an event, and drops a pending re-read on unmount', () => {
    vi.useFakeTimers();
    const { transport, refetch, hook } = subscribe(['catalog.changed']);
    transport.reconnect();
    expect(refetch).toHaveBeenCalledTimes(1);
    transport.emit('catalog.changed', changed);
    expect(refetch).toHaveBeenCalledTimes(1);
    hook.unmount();
    vi.advanceTimersByTime(REFETCH_EVERY_MS * 2);
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  it('ignores events it did not subscribe to', () => {
    const { transport, refetch } = subscribe(['catalog.changed']);
    transport.emit('reviews.changed', { modelIds: ['m:1'] });
    expect(refetch).not.toHaveBeenCalled();
  });
});

describe('network screen during a first sync', () => {
  it('re-reads the sync state a few times, not once per event, and the progress bar reaches done', async () => {
    const transport = fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'sync.status': () => makeSyncStatus(),
      'sync.peers': () => [],
    });
    renderWithTransport(<UserApp />, transport, 'network');
    await screen.findByTestId('this-peer');
    const statusReads = transport.callsOf('sync.status').length;
    const peerReads = transport.callsOf('sync.peers').length;
    act(() => {
      for (let i = 0; i < 30; i++) {
        transport.emit('sync.changed', syncChanged);
        transport.emit('sync.progress', { active: true, docsKnown: 120, docsReady: 60, recordsReceived: 10_000, recordsProcessed: 300 * i });
      }
    });
    expect(screen.getByTestId('sync-progress-text').textContent).toBe('Syncing: 87 % · 8,700 of 10,000 records verified · 60 of 120 documents');
    // One read at once, one after the interval for the rest of the burst.
    await waitFor(() => expect(transport.callsOf('sync.peers').length).toBe(peerReads + 2));
    // The screen and the status line each follow sync.status: two reads each, against 30 events.
    expect(transport.callsOf('sync.status').length - statusReads).toBeLessThanOrEqual(4);
    act(() => transport.emit('sync.progress', { active: false, docsKnown: 120, docsReady: 120, recordsReceived: 10_000, recordsProcessed: 10_000 }));
    await waitFor(() => expect(screen.getByTestId('sync-progress').getAttribute('data-active')).toBe('false'));
    expect(screen.getByTestId('sync-progress-text').textContent).toMatch(/^Up to date · 10,000 of 10,000 records verified/);
  });
});

describe('joining a large marketplace', () => {
  it('shows the sync progress in the join form while the join waits, then the catalog', async () => {
    let marketplace: MarketplaceInfo | null = null;
    let finishJoin = () => {};
    const transport = fakeTransport({
      'system.health': () => makeHealth(marketplace),
      'settings.get': () => ({ theme: 'system' }),
      'sync.status': () => makeSyncStatus(),
      'catalog.list': () => ({ total: 1, items: [makeCatalogItem({ name: 'Synced Model' })] }),
      'marketplace.join': () =>
        new Promise((done) => {
          finishJoin = () => {
            marketplace = { ...DEMO_MARKETPLACE, isTreasury: false };
            done({ marketplaceId: DEMO_MARKETPLACE.id, marketplace, peer: makePeer({ source: 'invite' }), identity: fakeKey('identityLocal'), linkedIdentity: false });
          };
        }),
    });
    renderWithTransport(<UserApp />, transport);
    const form = await screen.findByTestId('join-marketplace');
    fireEvent.change(within(form).getByTestId('join-invite'), { target: { value: 'irinvite1.eyJtIjoiYWJjIn0' } });
    await within(form).findByText(/An invite: this engine joins that marketplace/);
    fireEvent.click(within(form).getByTestId('join-submit'));
    await waitFor(() => expect(within(form).getByTestId('join-submit').textContent).toBe('Joining: reaching the peer…'));
    expect(within(form).queryByTestId('sync-progress')).toBeNull();
    act(() => transport.emit('sync.progress', { active: true, docsKnown: 101, docsReady: 40, recordsReceived: 8_000, recordsProcessed: 2_000 }));
    expect(within(form).getByTestId('sync-progress-text').textContent).toBe('Syncing: 25 % · 2,000 of 8,000 records verified · 40 of 101 documents');
    expect(within(form).getByTestId('join-submit').textContent).toBe('Joining: receiving the marketplace…');
    act(() => finishJoin());
    expect(await screen.findByText('Synced Model')).toBeTruthy();
  });
});
