import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { inviteHint, inviteProblem } from '../../src-renderer/src/onboarding/JoinMarketplaceForm';
import { NOTHING_QUARANTINED } from '../../src-renderer/src/sync/IntegrityScreen';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport, type Handlers } from './fake-transport';
import { DEMO_MARKETPLACE, fakeKey, makeCatalogItem, makeHealth, type MarketplaceInfo } from './fixtures';
import { renderWithTransport } from './render-app';
import { makePeer, makeSyncStatus } from './review-fixtures';

withLayout();

function integrity(extra: Handlers) {
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'sync.status': () => makeSyncStatus(),
    'integrity.quarantine': () => ({ total: 0, items: [] }),
    'integrity.conflicts': () => ({ total: 0, items: [] }),
    'integrity.truncations': () => ({ total: 0, items: [] }),
    ...extra,
  });
  renderWithTransport(<UserApp />, transport, 'integrity');
  return transport;
}

describe('integrity screen', () => {
  it('says nothing was quarantined when every record verified', async () => {
    integrity({});
    expect((await screen.findByTestId('quarantine-empty')).textContent).toBe(NOTHING_QUARANTINED);
    expect(NOTHING_QUARANTINED).toBe('Nothing quarantined: every record received verified.');
    expect(await screen.findByTestId('conflicts-empty')).toBeTruthy();
    expect(await screen.findByTestId('truncations-empty')).toBeTruthy();
  });

  it('lists quarantined records with reason, kind, author, document and time; conflicts and truncations too', async () => {
    const author = fakeKey('forger');
    const transport = integrity({
      'integrity.quarantine': () => ({
        total: 1,
        items: [{ hash: 'f'.repeat(64), doc: 'catalog/abc', kind: 'price', author, subject: 'price:abc:m', reason: 'signed by <b>someone</b>, not by its producer', receivedAt: 1_700_000_000_000 }],
      }),
      'integrity.conflicts': () => ({ total: 1, items: [{ kind: 'listing', author, subject: 'listing:m', seq: 3, hashes: ['a'.repeat(64), 'b'.repeat(64)], detectedAt: 1_700_000_000_000 }] }),
      'integrity.truncations': () => ({ total: 1, items: [{ doc: 'ledger/x/2026-11', url: 'automerge:xyz', removed: 4, overwritten: 1, hashes: ['c'.repeat(64)], detectedAt: 1_700_000_000_000 }] }),
    });
    const row = await screen.findByTestId('quarantine-row');
    expect(row.getAttribute('data-kind')).toBe('price');
    expect(within(row).getByTestId('quarantine-reason').textContent).toBe('signed by <b>someone</b>, not by its producer');
    expect(within(row).getByTestId('quarantine-reason').querySelector('b')).toBeNull();
    expect(row.textContent).toContain('catalog/abc');
    expect(row.textContent).toContain(author.slice(0, 8));
    expect(row.textContent).toMatch(/2023/);
    expect((await screen.findByTestId('conflict-row')).textContent).toContain('2 versions');
    expect((await screen.findByTestId('truncation-row')).textContent).toContain('ledger/x/2026-11');
    expect(transport.callsOf('integrity.quarantine')).toEqual([{ offset: 0, limit: 100 }]);
  });
});

describe('joining a marketplace on first start', () => {
  it('recognises an invite before asking the engine', () => {
    expect(inviteProblem('')).toMatch(/Paste the invite/);
    expect(inviteProblem('hello there')).toMatch(/starts with irinvite1\./);
    expect(inviteProblem(' irinvite1.eyJtIjoiYWJjIn0 ')).toBeNull();
    expect(inviteProblem('irlink1.eyJtIjoiYWJjIn0xyz')).toBeNull();
    // A device link carries the identity key: the form says so before it is sent.
    expect(inviteHint('irlink1.eyJtIjoiYWJjIn0xyz')).toMatch(/private key/);
    expect(inviteHint('irinvite1.eyJ')).toMatch(/its own new identity/);
  });

  function emptyEngine(extra: Handlers) {
    let marketplace: MarketplaceInfo | null = null;
    const transport = fakeTransport({
      'system.health': () => makeHealth(marketplace),
      'settings.get': () => ({ theme: 'system' }),
      'sync.status': () => makeSyncStatus(),
      'catalog.list': () => ({ total: 1, items: [makeCatalogItem({ name: 'Synced Model' })] }),
      'marketplace.join': () => {
        marketplace = { ...DEMO_MARKETPLACE, isTreasury: false };
        return { marketplaceId: DEMO_MARKETPLACE.id, marketplace, peer: makePeer({ source: 'invite' }), identity: fakeKey('identityLocal'), linkedIdentity: false };
      },
      ...extra,
    });
    renderWithTransport(<UserApp />, transport);
    return transport;
  }

  it('joins with the pasted invite, then shows the catalog that arrives', async () => {
    const transport = emptyEngine({});
    const form = await screen.findByTestId('join-marketplace');
    fireEvent.click(within(form).getByTestId('join-submit'));
    expect(within(form).getByTestId('join-invite-error').textContent).toMatch(/Paste the invite/);
    fireEvent.change(within(form).getByTestId('join-invite'), { target: { value: '  irinvite1.eyJtIjoiYWJjIiwiYSI6IjEwLjAuMC4xOjUzMTkifQ \n' } });
    await waitFor(() => expect(within(form).queryByTestId('join-invite-error')).toBeNull());
    fireEvent.click(within(form).getByTestId('join-submit'));
    expect(await screen.findByText('Synced Model')).toBeTruthy();
    expect(transport.callsOf('marketplace.join')).toEqual([{ invite: 'irinvite1.eyJtIjoiYWJjIiwiYSI6IjEwLjAuMC4xOjUzMTkifQ' }]);
  });

  it('shows why joining failed and stays on onboarding', async () => {
    emptyEngine({
      'marketplace.join': () => {
        throw { code: 'NOT_READY', message: 'Could not reach the inviting peer at 10.0.0.1:5319 (ECONNREFUSED)' };
      },
    });
    const form = await screen.findByTestId('join-marketplace');
    fireEvent.change(within(form).getByTestId('join-invite'), { target: { value: 'irinvite1.eyJtIjoiYWJjIn0' } });
    await within(form).findByText(/An invite: this engine joins that marketplace/);
    fireEvent.click(within(form).getByTestId('join-submit'));
    const error = await within(form).findByTestId('join-error');
    expect(error.textContent).toContain('ECONNREFUSED');
    expect(within(error).getByTestId('error-code').textContent).toBe('NOT_READY');
    expect(screen.getByTestId('onboarding')).toBeTruthy();
  });
});
