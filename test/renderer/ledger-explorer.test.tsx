import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandInput } from '../../src-shared/contract';
import { buildEntriesInput } from '../../src-renderer/src/ledger/accounts';
import { INITIAL_LEDGER_VIEW } from '../../src-renderer/src/state/ledger-view';
import { useUiStore } from '../../src-renderer/src/state/ui-store';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import './dom';
import { fakeTransport, type Handlers } from './fake-transport';
import { IDENTITY_KEY, makeHealth } from './fixtures';
import { entriesPage, hashOf, makeProof, ME_USER, MODEL_ID, userCharge } from './ledger-fixtures';
import { renderWithTransport } from './render-app';

const NOW = Date.now();
const ENTRIES = [userCharge(3, NOW, 40_000, 960_000), userCharge(2, NOW - 60_000, 1_500, 1_000_000)];

function explorer(extra: Handlers = {}) {
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'ledger.entries': ({ account }: CommandInput<'ledger.entries'>) =>
      entriesPage(account ? ENTRIES : ENTRIES.map((e) => ({ ...e, amount: null, runningBalance: null })), 120),
    'ledger.proof': ({ hash }: CommandInput<'ledger.proof'>) => makeProof(ENTRIES.find((e) => e.hash === hash)!),
    ...extra,
  });
  renderWithTransport(<UserApp />, transport, 'ledger');
  return transport;
}

const lastEntriesInput = (transport: ReturnType<typeof explorer>) => transport.callsOf('ledger.entries').at(-1) as CommandInput<'ledger.entries'>;

describe('ledger filters → ledger.entries input', () => {
  it('maps account choices, kind, model and time range; a bad value is left out and reported', () => {
    const me = IDENTITY_KEY;
    expect(buildEntriesInput(INITIAL_LEDGER_VIEW, me)).toEqual({ input: { offset: 0, limit: 50 }, problems: {} });
    expect(buildEntriesInput({ ...INITIAL_LEDGER_VIEW, account: 'user' }, me).input.account).toBe(`user:${me}`);
    expect(buildEntriesInput({ ...INITIAL_LEDGER_VIEW, account: 'producer' }, me).input.account).toBe(`producer:${me}`);
    expect(buildEntriesInput({ ...INITIAL_LEDGER_VIEW, account: 'pool' }, me).input.account).toBe('pool:rewards');
    expect(buildEntriesInput({ ...INITIAL_LEDGER_VIEW, account: 'treasury', page: 2 }, me).input).toEqual({ account: 'treasury', offset: 100, limit: 50 });
    const other = buildEntriesInput({ ...INITIAL_LEDGER_VIEW, account: 'other', accountText: 'user:short' }, me);
    expect(other.input.account).toBeUndefined();
    expect(other.problems.account).toMatch(/user:<key>/);
    const bad = buildEntriesInput({ ...INITIAL_LEDGER_VIEW, modelText: 'not a model', fromText: '2026-11-20T10:00', toText: '2026-11-19T10:00' }, me);
    expect(bad.input).toEqual({ offset: 0, limit: 50 });
    expect(bad.problems.model).toMatch(/<producerKey>:<slug>/);
    expect(bad.problems.to).toBe('To is before From.');
    const good = buildEntriesInput({ ...INITIAL_LEDGER_VIEW, kind: 'refund', modelText: MODEL_ID, fromText: '2026-11-19T10:00', toText: '2026-11-20T10:00' }, me);
    expect(good.input).toEqual({
      kind: 'refund',
      modelId: MODEL_ID,
      from: new Date('2026-11-19T10:00').getTime(),
      // The picker has minute precision; the engine's bound is inclusive.
      to: new Date('2026-11-20T10:00').getTime() + 59_999,
      offset: 0,
      limit: 50,
    });
  });

  it('sends the filters the user sets, back to the first page, with a running balance per account', async () => {
    const transport = explorer();
    await screen.findAllByTestId('ledger-row');
    expect(screen.queryAllByTestId('ledger-running')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('ledger-next'));
    await waitFor(() => expect(lastEntriesInput(transport)).toEqual({ offset: 50, limit: 50 }));

    fireEvent.change(screen.getByTestId('ledger-account'), { target: { value: 'user' } });
    fireEvent.change(screen.getByTestId('ledger-kind'), { target: { value: 'charge' } });
    fireEvent.change(screen.getByTestId('ledger-model'), { target: { value: MODEL_ID } });
    fireEvent.change(screen.getByTestId('ledger-from'), { target: { value: '2026-11-01T00:00' } });
    await waitFor(() =>
      expect(lastEntriesInput(transport)).toEqual({ account: ME_USER, kind: 'charge', modelId: MODEL_ID, from: new Date('2026-11-01T00:00').getTime(), offset: 0, limit: 50 }),
    );
    const running = await screen.findAllByTestId('ledger-running');
    expect(running.map((cell) => cell.textContent)).toEqual(['0.96 cr', '1 cr']);
    expect(screen.getAllByTestId('ledger-amount').map((cell) => cell.textContent)).toEqual(['-0.04 cr', '-0.0015 cr']);
    expect(screen.getByTestId('ledger-debits').textContent).toBe('0.0415 cr');
    expect(screen.getByTestId('ledger-range').textContent).toBe('1–50 of 120');
  });

  it('reports a filter that does not parse instead of sending it', async () => {
    const transport = explorer();
    await screen.findAllByTestId('ledger-row');
    fireEvent.change(screen.getByTestId('ledger-model'), { target: { value: 'helpdesk' } });
    expect(screen.getByTestId('ledger-filter-problem').textContent).toMatch(/<producerKey>:<slug>/);
    expect(transport.callsOf('ledger.entries').some((input) => (input as { modelId?: string }).modelId !== undefined)).toBe(false);
  });
});

describe('entry detail and proofs', () => {
  it('shows postings, memo, chain and the inclusion proof; Verify shows the verdict', async () => {
    const transport = explorer();
    fireEvent.click((await screen.findAllByTestId('ledger-row'))[0]!);
    const detail = await screen.findByTestId('entry-detail');
    await within(detail).findByTestId('entry-proof');
    expect(within(detail).getAllByTestId('entry-posting').map((p) => p.getAttribute('data-amount'))).toEqual(['-40000', '38000', '2000']);
    expect(within(detail).getByTestId('entry-cost').textContent).toBe('0.04 cr');
    expect(within(detail).getByTestId('entry-seq').textContent).toBe('3');
    expect(within(detail).getByTestId('entry-hash').textContent).toBe(hashOf(3));
    expect(within(detail).getByTestId('proof-index').textContent).toBe('2');
    expect(within(detail).getByTestId('proof-size').textContent).toBe('5');
    expect(within(detail).getByTestId('proof-root').textContent).toBe(hashOf(9_001));
    expect(within(detail).getByTestId('proof-hashes').textContent).toContain(hashOf(9_003));
    expect(within(detail).getByTestId('proof-checkpoint').textContent).toContain('#3');
    // The verdict is not claimed before Verify asked for it.
    expect(within(detail).queryByTestId('verify-result')).toBeNull();

    fireEvent.click(within(detail).getByTestId('verify-entry'));
    const verdict = await within(detail).findByTestId('verify-result');
    expect(verdict.getAttribute('data-verified')).toBe('true');
    expect(verdict.textContent).toContain('Verified');
    expect(transport.callsOf('ledger.proof')).toEqual([{ hash: hashOf(3) }, { hash: hashOf(3) }]);
  });

  it('says clearly when a proof does not verify', async () => {
    explorer({ 'ledger.proof': ({ hash }: CommandInput<'ledger.proof'>) => makeProof(ENTRIES.find((e) => e.hash === hash)!, false) });
    act(() => useUiStore.getState().selectLedgerEntry(hashOf(2)));
    const detail = await screen.findByTestId('entry-detail');
    fireEvent.click(await within(detail).findByTestId('verify-entry'));
    const verdict = await within(detail).findByTestId('verify-result');
    expect(verdict.getAttribute('data-verified')).toBe('false');
    expect(verdict.textContent).toContain('Not verified');
  });

  it('verifies the whole ledger and lists every problem', async () => {
    explorer({
      'ledger.verify': () => ({
        ok: false,
        chains: 4,
        entries: 90,
        checkpoints: 2,
        problems: [{ chain: IDENTITY_KEY, seq: 5, hash: hashOf(5), kind: 'chain', reason: 'seq 5 follows seq 3' }],
      }),
    });
    fireEvent.click(await screen.findByTestId('ledger-verify'));
    const report = await screen.findByTestId('ledger-verify-result');
    expect(report.getAttribute('data-ok')).toBe('false');
    expect(within(report).getByTestId('ledger-verify-counts').textContent).toBe('4 chains · 90 entries · 2 checkpoints');
    expect(within(report).getAllByTestId('ledger-verify-problem')[0]!.textContent).toContain('seq 5 follows seq 3');
  });
});

describe('export', () => {
  const original = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
  afterEach(() => {
    vi.restoreAllMocks();
    Object.assign(URL, original);
  });

  it('downloads ledger.export as a .jsonl file through a Blob link', async () => {
    const jsonl = '{"type":"header","format":"infiniroute-ledger","version":1}\n{"type":"record"}\n';
    const blobs: Blob[] = [];
    const created = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:ledger-export';
    });
    const revoked = vi.fn();
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: revoked });
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    explorer({ 'ledger.export': () => ({ jsonl, lines: 2 }) });
    fireEvent.click(await screen.findByTestId('ledger-export'));
    expect((await screen.findByTestId('ledger-export-done')).textContent).toMatch(/infiniroute-ledger-\d{4}-\d{2}-\d{2}\.jsonl · 2 lines/);
    expect(clicks).toHaveLength(1);
    expect(clicks[0]!.download).toMatch(/^infiniroute-ledger-\d{4}-\d{2}-\d{2}\.jsonl$/);
    expect(clicks[0]!.href).toBe('blob:ledger-export');
    expect(await blobs[0]!.text()).toBe(jsonl);
    expect(blobs[0]!.type).toBe('application/x-ndjson');
    // The link is gone and the URL released once the download started.
    expect(document.querySelector('a[download]')).toBeNull();
    await waitFor(() => expect(revoked).toHaveBeenCalledWith('blob:ledger-export'));
  });
});
