import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract';
import { MAX_DEPOSIT_MICRO, parseDepositAmount } from '../../src-renderer/src/ledger/DepositForm';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import './dom';
import { fakeTransport, type Handlers } from './fake-transport';
import { DEMO_MARKETPLACE, IDENTITY_KEY, fakeKey, makeHealth } from './fixtures';
import { entriesPage, ME_USER, userCharge } from './ledger-fixtures';
import { renderWithTransport } from './render-app';

const DAY = 86_400_000;

function wallet(isTreasury: boolean, extra: Handlers = {}) {
  const transport = fakeTransport({
    'system.health': () => makeHealth({ ...DEMO_MARKETPLACE, isTreasury }),
    'settings.get': () => ({ theme: 'system' }),
    'ledger.balance': () => ({ account: ME_USER, balance: 38_035_316, entries: 25 }),
    'ledger.entries': () => entriesPage([]),
    ...extra,
  });
  renderWithTransport(<UserApp />, transport, 'wallet');
  return transport;
}

describe('deposit amount parsing', () => {
  it('turns credits into exact micro-credits, never through a float', () => {
    expect(parseDepositAmount('12.5')).toEqual({ ok: true, value: 12_500_000 });
    expect(parseDepositAmount('0.000001')).toEqual({ ok: true, value: 1 });
    // 0.29 × 1e6 is 289999.99999999994 in floating point.
    expect(parseDepositAmount('0.29')).toEqual({ ok: true, value: 290_000 });
    expect(parseDepositAmount(' 3 cr ')).toEqual({ ok: true, value: 3_000_000 });
    expect(parseDepositAmount('1000000')).toEqual({ ok: true, value: MAX_DEPOSIT_MICRO });
  });

  it('says exactly what is wrong', () => {
    const message = (text: string) => {
      const parsed = parseDepositAmount(text);
      return parsed.ok ? null : parsed.message;
    };
    expect(message('')).toMatch(/enter an amount/);
    expect(message('0')).toMatch(/at least 0\.000001 cr/);
    expect(message('-5')).toMatch(/must not be negative/);
    expect(message('1,5')).toMatch(/use a dot/);
    expect(message('0.0000001')).toMatch(/at most 6 decimals/);
    expect(message('1.2.3')).toMatch(/at most one dot/);
    expect(message('1000000.000001')).toMatch(/at most 1000000 cr/);
  });
});

describe('wallet', () => {
  it('shows the balance of the local user from ledger.balance', async () => {
    const transport = wallet(true);
    const balance = await screen.findByTestId('wallet-balance');
    expect(balance.textContent).toBe('38.035316 cr');
    expect(balance.getAttribute('data-micro')).toBe('38035316');
    expect(transport.callsOf('ledger.balance')[0]).toEqual({});
  });

  it('offers a deposit only to the treasury', async () => {
    wallet(false);
    await screen.findByTestId('wallet-balance');
    expect(screen.queryByTestId('deposit-form')).toBeNull();
    expect(screen.getByTestId('deposit-unavailable').textContent).toContain(`user:${IDENTITY_KEY}`);
  });

  it('deposits the exact amount typed, once, with an idempotency id', async () => {
    const transport = wallet(true, {
      'ledger.deposit': ({ amount, id }: CommandInput<'ledger.deposit'>) => ({
        hash: 'a'.repeat(64),
        chain: fakeKey('treasury'),
        seq: 8,
        ts: Date.now(),
        id: id!,
        kind: 'deposit',
        prev: 'b'.repeat(64),
        postings: [
          { account: 'treasury', amount: -amount },
          { account: ME_USER, amount },
        ],
        identity: fakeKey('treasury'),
      }),
    });
    const form = await screen.findByTestId('deposit-form');
    fireEvent.change(within(form).getByTestId('deposit-amount'), { target: { value: '12.345678' } });
    fireEvent.change(within(form).getByTestId('deposit-note'), { target: { value: 'top-up' } });
    fireEvent.click(within(form).getByTestId('deposit-submit'));
    expect((await screen.findByTestId('deposit-done')).textContent).toContain('Deposited 12.345678 cr');
    const calls = transport.callsOf('ledger.deposit') as CommandInput<'ledger.deposit'>[];
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ amount: 12_345_678, note: 'top-up' });
    expect(calls[0]!.id).toMatch(/^deposit-ui-[A-Za-z0-9_-]+$/);
    expect((within(form).getByTestId('deposit-amount') as HTMLInputElement).value).toBe('');
  });

  it('refuses a bad amount before the engine sees it, and shows the engine refusal', async () => {
    const transport = wallet(true, {
      'ledger.deposit': () => {
        throw { code: 'FORBIDDEN', message: 'Only the treasury key can deposit' };
      },
    });
    const form = await screen.findByTestId('deposit-form');
    fireEvent.change(within(form).getByTestId('deposit-amount'), { target: { value: '2,5' } });
    expect(screen.getByTestId('deposit-amount-error').textContent).toMatch(/use a dot/);
    fireEvent.click(within(form).getByTestId('deposit-submit'));
    expect(transport.callsOf('ledger.deposit')).toHaveLength(0);

    fireEvent.change(within(form).getByTestId('deposit-amount'), { target: { value: '2.5' } });
    fireEvent.click(within(form).getByTestId('deposit-submit'));
    const error = await screen.findByTestId('deposit-error');
    expect(error.textContent).toContain('Only the treasury key can deposit');
    expect(within(error).getByTestId('error-code').textContent).toBe('FORBIDDEN');
  });

  it('charts daily charges of the last 30 days from ledger.entries', async () => {
    const now = Date.now();
    const transport = wallet(true, {
      'ledger.entries': () => entriesPage([userCharge(3, now, 40_000), userCharge(2, now - 2 * DAY, 1_500), userCharge(1, now - 2 * DAY, 500)]),
    });
    const chart = await screen.findByTestId('spend-chart');
    const input = transport.callsOf('ledger.entries')[0] as CommandInput<'ledger.entries'>;
    expect(input).toMatchObject({ account: ME_USER, kind: 'charge', offset: 0, limit: 500 });
    // From local midnight 29 days ago: 30 days including today.
    const from = new Date(now);
    from.setHours(0, 0, 0, 0);
    expect(input.from).toBe(new Date(from.getFullYear(), from.getMonth(), from.getDate() - 29).getTime());
    const days = within(chart).getAllByTestId('spend-chart-day');
    expect(days).toHaveLength(30);
    expect(days[29]!.getAttribute('data-micro')).toBe('40000');
    expect(days[27]!.getAttribute('data-micro')).toBe('2000');
    expect(screen.getByTestId('spend-total').getAttribute('data-micro')).toBe('42000');
    expect(screen.getByTestId('spend-total').textContent).toBe('0.042 cr in 3 calls');
  });

  it('re-reads the balance when the ledger changes', async () => {
    let balance = 1_000_000;
    const transport = wallet(true, { 'ledger.balance': () => ({ account: ME_USER, balance, entries: 1 }) });
    expect((await screen.findByTestId('wallet-balance')).textContent).toBe('1 cr');
    balance = 750_000;
    transport.emit('ledger.changed', { hashes: ['c'.repeat(64)], accounts: [ME_USER] });
    await waitFor(() => expect(screen.getByTestId('wallet-balance').textContent).toBe('0.75 cr'));
  });
});
