import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../src-shared/sync';
import { lanSharingText } from '../../src-renderer/src/sync/sync-view';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';
import { makeSyncStatus } from './review-fixtures';

withLayout();

const OFF = { listening: { host: '127.0.0.1', port: 5319 }, lanSharing: false, mdns: 'off' } as const;
const ON = { listening: { host: '0.0.0.0', port: 5319 }, lanSharing: true, mdns: 'on' } as const;

function networkScreen(initial: SyncStatus) {
  let status = initial;
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'sync.status': () => status,
    'sync.peers': () => [],
    'sync.setLan': (input) => {
      const on = (input as { on: boolean }).on;
      status = makeSyncStatus(on ? ON : OFF);
      // As the engine does: every window hears of the switch.
      queueMicrotask(() => transport.emit('sync.changed', { peers: 0, pendingDocs: 0, quarantined: 0, conflicts: 0, truncations: 0 }));
      return status;
    },
  });
  renderWithTransport(<UserApp />, transport, 'network');
  return transport;
}

describe('LAN sharing on the Network screen', () => {
  it('says what is true: off means loopback only and nothing announced, on means reachable and announced', () => {
    expect(lanSharingText(makeSyncStatus(OFF))).toEqual({ title: 'Off.', detail: 'Only this computer can reach this peer’s sync (127.0.0.1:5319); nothing is announced on the network.' });
    expect(lanSharingText(makeSyncStatus(ON)).detail).toBe(
      'Other machines can reach this peer’s sync at every network address of this computer (0.0.0.0:5319), each proving its key; it announces itself and looks for peers of this marketplace (mDNS).',
    );
    expect(lanSharingText(makeSyncStatus({ ...ON, mdns: 'off' })).detail).toMatch(/it is not announced \(LAN discovery is off\)\.$/);
    expect(lanSharingText(makeSyncStatus({ ...ON, mdns: 'unavailable' })).detail).toMatch(/unavailable here \(no multicast\)/);
    expect(lanSharingText(makeSyncStatus({ ...OFF, listening: null })).detail).toMatch(/^Sync is off in this engine/);
  });

  it('turns LAN sharing on and off, and shows the state in the status line only while it is on', async () => {
    const transport = networkScreen(makeSyncStatus(OFF));
    const card = await screen.findByTestId('lan-sharing');
    await waitFor(() => expect(within(card).getByTestId('lan-state').textContent).toMatch(/^Off\. Only this computer/));
    expect(screen.queryByTestId('status-lan')).toBeNull();
    expect((await screen.findByTestId('peers-empty')).textContent).toContain('once LAN sharing is on');
    fireEvent.click(within(card).getByTestId('lan-toggle'));
    await waitFor(() => expect(within(screen.getByTestId('lan-sharing')).getByTestId('lan-state').textContent).toMatch(/^On\. Other machines/));
    expect(transport.callsOf('sync.setLan')).toEqual([{ on: true }]);
    expect((await screen.findByTestId('status-lan')).textContent).toBe('LAN sharing');
    fireEvent.click(within(screen.getByTestId('lan-sharing')).getByTestId('lan-toggle'));
    await waitFor(() => expect(transport.callsOf('sync.setLan')).toEqual([{ on: true }, { on: false }]));
    await waitFor(() => expect(within(screen.getByTestId('lan-sharing')).getByTestId('lan-state').textContent).toMatch(/^Off\./));
  });
});
