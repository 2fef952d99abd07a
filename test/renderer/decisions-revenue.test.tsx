import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandInput, EventPayload } from '../../src-shared/contract';
import { lastDays } from '../../src-renderer/src/charts/days';
import { dailySpend } from '../../src-renderer/src/ledger/daily';
import { ProducerApp } from '../../src-renderer/src/producer/ProducerApp';
import { revenueByModel, revenueSeries } from '../../src-renderer/src/producer/revenue/revenue';
import { useUiStore } from '../../src-renderer/src/state/ui-store';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { IDENTITY_KEY, makeCatalogItem, makeHealth } from './fixtures';
import { entriesPage, hashOf, MODEL_ID, userCharge, type EntryItem } from './ledger-fixtures';
import { renderWithTransport } from './render-app';

withLayout();

const DAY = 86_400_000;
type Decision = EventPayload<'route.decided'>;

function decision(n: number, overrides: Partial<Decision> = {}): Decision {
  return {
    decisionId: `pg-decision-${n}`,
    ts: Date.now() - n * 60_000,
    task: 'support',
    strategy: 'best-value',
    chosen: MODEL_ID,
    answeredBy: MODEL_ID,
    ok: true,
    cost: 1_250,
    latencyMs: 140,
    chargeHash: hashOf(n),
    error: null,
    prompt: `Question number ${n}`,
    ...overrides,
  };
}

describe('days and sums', () => {
  it('builds 30 local days ending today and sums charges per day', () => {
    const now = new Date(2026, 2, 30, 15, 0).getTime();
    const days = lastDays(now, 30);
    expect(days).toHaveLength(30);
    expect(new Date(days[29]!).getDate()).toBe(30);
    expect(new Date(days[0]!).getHours()).toBe(0);
    const charge = (ts: number, amount: number) => ({ ts, kind: 'charge' as const, amount });
    const spend = dailySpend([charge(now, -700), charge(now - 3_600_000, -300), charge(days[0]! + 1, -5), { ts: now, kind: 'deposit', amount: 9_000 }, charge(now + 2 * DAY, -1)], days);
    expect(spend[29]).toBe(1_000);
    expect(spend[0]).toBe(5);
    expect(spend.reduce((a, b) => a + b, 0)).toBe(1_005);
  });

  it('groups producer earnings by model: gross, fee, refunds and the posting earned', () => {
    const now = Date.now();
    const days = lastDays(now, 7);
    const producerEntry = (n: number, kind: 'charge' | 'refund', modelId: string | null, amount: number, cost: number, ts = now): EntryItem => ({
      ...userCharge(n, ts, cost),
      kind,
      ...(modelId ? { memo: { ...userCharge(n, ts, cost).memo!, modelId, cost, fee: cost - amount } } : { memo: undefined }),
      amount,
    });
    const other = MODEL_ID.replace('helpdesk-7b', 'other-3b');
    const { rows, totals } = revenueByModel(
      [producerEntry(1, 'charge', MODEL_ID, 950, 1_000), producerEntry(2, 'charge', MODEL_ID, 1_900, 2_000, now - DAY), producerEntry(3, 'refund', MODEL_ID, -950, 0), producerEntry(4, 'charge', other, 95, 100), producerEntry(5, 'refund', null, -10, 0)],
      days,
    );
    expect(rows.map((r) => [r.modelId, r.calls, r.gross, r.refunds, r.earned])).toEqual([
      [MODEL_ID, 2, 3_000, 950, 1_900],
      [other, 1, 100, 0, 95],
      [null, 0, 0, 10, -10],
    ]);
    expect(rows[0]!.perDay[6]).toBe(0);
    expect(rows[0]!.perDay[5]).toBe(1_900);
    expect(totals).toEqual({ calls: 3, gross: 3_100, fees: 155, refunds: 960, earned: 1_985 });
    expect(revenueSeries(rows, (id) => id ?? 'none').map((s) => s.key)).toEqual([MODEL_ID, other, '-']);
  });
});

describe('decisions history', () => {
  it('lists decisions with cost and a link to the charge, and follows route.decided', async () => {
    const item = makeCatalogItem({ name: 'Helpdesk 7B' });
    let list = [decision(1), decision(2, { ok: false, answeredBy: null, chargeHash: null, cost: 0, error: 'Every candidate failed' })];
    const transport = fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'route.decisions': ({ offset }: CommandInput<'route.decisions'>) => ({ total: list.length, items: list.slice(offset ?? 0) }),
      'catalog.get': ({ id }) => (id === MODEL_ID ? { ...item, id } : Promise.reject({ code: 'NOT_FOUND', message: 'gone' })),
    });
    renderWithTransport(<UserApp />, transport, 'decisions');
    const rows = await screen.findAllByTestId('decision-row');
    expect(rows.map((r) => r.getAttribute('data-ok'))).toEqual(['true', 'false']);
    await waitFor(() => expect(rows[0]!.textContent).toContain('Helpdesk 7B'));
    expect(within(rows[0]!).getByTestId('decision-cost').textContent).toBe('0.00125 cr');
    expect(rows[1]!.textContent).toContain('not charged');
    expect(transport.callsOf('catalog.get')).toHaveLength(1);

    list = [decision(0, { decisionId: 'pg-new-one' }), ...list];
    transport.emit('route.decided', list[0]!);
    await waitFor(() => expect(screen.getAllByTestId('decision-row')[0]!.getAttribute('data-decision-id')).toBe('pg-new-one'));

    fireEvent.click(within(screen.getAllByTestId('decision-row')[1]!).getByTestId('decision-charge-link'));
    expect(useUiStore.getState().screen).toBe('ledger');
    expect(useUiStore.getState().ledger.selected).toBe(hashOf(1));
  });
});

describe('producer revenue', () => {
  it('shows the producer balance and earnings per model from producer:<me> entries', async () => {
    const now = Date.now();
    const mine = makeCatalogItem({ producerKey: IDENTITY_KEY, slug: 'helpdesk-7b', name: 'Helpdesk 7B' });
    const entry = (n: number, amount: number, cost: number, ts: number): EntryItem => ({ ...userCharge(n, ts, cost), memo: { ...userCharge(n, ts, cost).memo!, modelId: mine.id, fee: cost - amount }, amount });
    const transport = fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'catalog.list': () => ({ total: 1, items: [mine] }),
      'ledger.balance': ({ account }: CommandInput<'ledger.balance'>) => ({ account: account!, balance: 2_850, entries: 2 }),
      'ledger.entries': () => entriesPage([entry(2, 1_900, 2_000, now), entry(1, 950, 1_000, now - 3 * DAY)]),
    });
    renderWithTransport(<ProducerApp />, transport, 'revenue');
    expect((await screen.findByTestId('producer-balance')).textContent).toBe('0.00285 cr');
    expect(transport.callsOf('ledger.balance')[0]).toEqual({ account: `producer:${IDENTITY_KEY}` });
    const row = await screen.findByTestId('revenue-row');
    await waitFor(() => expect(row.textContent).toContain('Helpdesk 7B'));
    expect(row.getAttribute('data-earned')).toBe('2850');
    expect(screen.getByTestId('revenue-total').getAttribute('data-earned')).toBe('2850');
    const days = within(screen.getByTestId('revenue-chart')).getAllByTestId('revenue-chart-day');
    expect(days).toHaveLength(30);
    expect(days[29]!.getAttribute('data-micro')).toBe('1900');
    expect(transport.callsOf('ledger.entries')[0]).toMatchObject({ account: `producer:${IDENTITY_KEY}`, offset: 0, limit: 500 });

    fireEvent.change(screen.getByTestId('revenue-range'), { target: { value: '7' } });
    await waitFor(() => expect(within(screen.getByTestId('revenue-chart')).getAllByTestId('revenue-chart-day')).toHaveLength(7));
  });
});
