import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PeerView, SyncStatus } from '../../src-shared/sync';
import { connectionSummary } from '../../src-renderer/src/sync/sync-view';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport, type Handlers } from './fake-transport';
import { fakeKey, makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';
import { makePeer, makeSyncStatus } from './review-fixtures';

withLayout();

function networkScreen(status: SyncStatus, peers: PeerView[], extra: Handlers = {}) {
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'sync.status': () => status,
    'sync.peers': () => peers,
    ...extra,
  });
  renderWithTransport(<UserApp />, transport, 'network');
  return transport;
}

describe('connection summary', () => {
  const now = 1_700_000_060_000;
  it('says plainly how many peers and how long since the last sync, or that it works offline', () => {
    const two = makeSyncStatus({ peers: [makePeer(), makePeer({ key: fakeKey('peer2') })], lastSyncAt: now - 12_000 });
    expect(connectionSummary(two, null, now)).toEqual({ state: 'online', text: 'In sync with 2 peers · synced 12 s ago' });
    expect(connectionSummary({ ...two, pending: { docs: 1, records: 4 } }, null, now).text).toBe('Connected to 2 peers · 4 records still to share · synced 12 s ago');
    expect(connectionSummary({ ...two, lastSyncAt: null }, null, now).text).toBe('Connected to 2 peers · first sync starting');
    expect(connectionSummary(makeSyncStatus(), null, now)).toEqual({ state: 'offline', text: 'Working offline — everything works from local data' });
    expect(connectionSummary(makeSyncStatus({ lastSyncAt: now - 180_000, pending: { docs: 1, records: 3 } }), null, now).text).toBe(
      'Working offline — 3 records will be shared when a peer connects · last synced 3 min ago',
    );
    expect(connectionSummary(makeSyncStatus({ listening: null }), null, now)).toEqual({ state: 'off', text: 'Sync is off — working from local data' });
    expect(connectionSummary(makeSyncStatus({ listening: null, pending: { docs: 1, records: 2 } }), null, now).text).toBe(
      'Sync is off — working from local data · 2 records kept to share once sync is on',
    );
    const progress = { active: true, docsKnown: 100, docsReady: 40, recordsReceived: 2_000, recordsProcessed: 500 };
    expect(connectionSummary(two, progress, now)).toEqual({ state: 'syncing', text: 'Syncing with 2 peers · 25 %' });
  });

  it('never words the normal offline state as an error', () => {
    for (const status of [makeSyncStatus(), makeSyncStatus({ listening: null }), makeSyncStatus({ pending: { docs: 9, records: 980 } })]) {
      expect(connectionSummary(status, null, now).text).not.toMatch(/error|fail|not yet|unavailable|^offline/i);
    }
  });
});

describe('network screen', () => {
  it('shows this peer, its pending changes and every known peer', async () => {
    const status = makeSyncStatus({ pending: { docs: 2, records: 5 }, peers: [makePeer()], lastSyncAt: Date.now() - 12_000 });
    networkScreen(status, [makePeer(), makePeer({ key: null, address: '10.0.0.9:5319', connected: false, source: 'mdns', lastError: 'ECONNREFUSED', nextAttemptAt: Date.now() + 4_000 })]);
    expect((await screen.findByTestId('peer-key')).textContent).toBe(status.peerKey);
    expect(screen.getByTestId('sync-pending').textContent).toBe('5 records in 2 documents not yet acknowledged by any peer');
    const rows = await screen.findAllByTestId('peer-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByTestId('peer-state').textContent).toBe('connected');
    expect(within(rows[1]!).getByTestId('peer-state').textContent).toMatch(/^not connected · retry in [45] s$/);
    expect(rows[1]!.textContent).toContain('ECONNREFUSED');
    expect(rows[1]!.textContent).toContain('found on the LAN');
    expect(screen.getByTestId('status-sync').textContent).toMatch(/^Connected to 1 peer · 5 records still to share · synced 1[2-4] s ago$/);
  });

  it('connects by address (with an optional key), refusing a malformed one first', async () => {
    const peer = makePeer({ address: '192.168.1.30:5319' });
    const transport = networkScreen(makeSyncStatus(), [], { 'sync.connect': () => peer });
    const form = await screen.findByTestId('connect-form');
    fireEvent.change(within(form).getByTestId('connect-address'), { target: { value: 'not an address' } });
    fireEvent.click(within(form).getByTestId('connect-submit'));
    expect(within(form).getByTestId('connect-address-error').textContent).toMatch(/host:port/);
    expect(transport.callsOf('sync.connect')).toEqual([]);
    fireEvent.change(within(form).getByTestId('connect-address'), { target: { value: ' 192.168.1.30:5319 ' } });
    fireEvent.change(within(form).getByTestId('connect-key'), { target: { value: peer.key! } });
    // The address problem goes once the form re-rendered with the new address.
    await waitFor(() => expect(within(form).queryByTestId('connect-address-error')).toBeNull());
    fireEvent.click(within(form).getByTestId('connect-submit'));
    expect((await within(form).findByTestId('connect-result')).textContent).toBe('Connected to 192.168.1.30:5319.');
    expect(transport.callsOf('sync.connect')).toEqual([{ address: '192.168.1.30:5319', key: peer.key }]);
  });

  it('disconnects a peer by key and reconnects a disconnected one by address', async () => {
    const on = makePeer();
    const off = makePeer({ key: fakeKey('peerOff'), address: '10.1.1.1:5319', connected: false, enabled: false });
    const transport = networkScreen(makeSyncStatus(), [on, off], { 'sync.disconnect': () => ({ disconnected: 1 }), 'sync.connect': () => ({ ...off, enabled: true }) });
    const rows = await screen.findAllByTestId('peer-row');
    expect(within(rows[1]!).getByTestId('peer-state').textContent).toBe('disconnected by you');
    fireEvent.click(within(rows[0]!).getByTestId('peer-disconnect'));
    fireEvent.click(within(rows[1]!).getByTestId('peer-reconnect'));
    await waitFor(() => expect(transport.callsOf('sync.disconnect')).toEqual([{ peerKey: on.key }]));
    await waitFor(() => expect(transport.callsOf('sync.connect')).toEqual([{ address: '10.1.1.1:5319', key: off.key }]));
  });

  it('creates an invite to copy', async () => {
    const invite = { invite: 'irinvite1.eyJtIjoiYWJjIn0', marketplaceId: fakeKey('treasuryDemo'), address: '192.168.1.5:5319', peerKey: fakeKey('deviceLocal') };
    const transport = networkScreen(makeSyncStatus(), [], { 'marketplace.invite': () => invite });
    fireEvent.click(await screen.findByTestId('invite-create'));
    expect(((await screen.findByTestId('invite-code')) as HTMLTextAreaElement).value).toBe(invite.invite);
    expect(screen.getByTestId('invite-result').textContent).toContain('192.168.1.5:5319');
    expect(screen.getByTestId('invite-copy')).toBeTruthy();
    expect(transport.callsOf('marketplace.invite')).toEqual([{}]);
  });

  it('draws the first-sync progress from sync.progress events', async () => {
    const transport = networkScreen(makeSyncStatus(), []);
    await screen.findByTestId('this-peer');
    act(() => transport.emit('sync.progress', { active: true, docsKnown: 120, docsReady: 60, recordsReceived: 10_000, recordsProcessed: 4_200 }));
    const bar = await screen.findByTestId('sync-progress');
    expect(within(bar).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('42');
    expect(screen.getByTestId('sync-progress-text').textContent).toBe('Syncing: 42 % · 4,200 of 10,000 records verified · 60 of 120 documents');
    expect(screen.getByTestId('status-sync').textContent).toBe('Syncing · 42 %');
    // When it ends, the counts it changed are read again.
    const reads = transport.callsOf('sync.status').length;
    act(() => transport.emit('sync.progress', { active: false, docsKnown: 120, docsReady: 120, recordsReceived: 10_000, recordsProcessed: 10_000 }));
    await waitFor(() => expect(screen.getByTestId('sync-progress').getAttribute('data-active')).toBe('false'));
    await waitFor(() => expect(transport.callsOf('sync.status').length).toBeGreaterThan(reads));
  });

  it('works with no peer at all: says so, and the status line says it works offline', async () => {
    networkScreen(makeSyncStatus(), []);
    expect((await screen.findByTestId('peers-empty')).textContent).toMatch(/works alone until it meets one/);
    await waitFor(() => expect(screen.getByTestId('status-sync').textContent).toBe('Working offline — everything works from local data'));
  });
});
