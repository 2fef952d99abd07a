import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract';
import type { EpochComputation } from '../../src-shared/rewards';
import { epochStatus, formatDuration, newestFinal, producerDefaultEpoch } from '../../src-renderer/src/rewards/epochs';
import { splitCheck } from '../../src-renderer/src/rewards/split-check';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { IDENTITY_KEY, makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';
import { makeComputation, makeEpochs, makeModel, makeSummary, MY_MODEL, OTHER_KEY, OTHER_MODEL } from './rewards-fixtures';

withLayout();

// The worked example of docs/incentives.md in shape: D = 10,000 + 7, scores 2,968 and 1,890.
const example = makeComputation(2967, [makeModel(OTHER_MODEL, OTHER_KEY, { payers: 4, perf: 742 }), makeModel(MY_MODEL, IDENTITY_KEY, { payers: 3, perf: 630 })], { inflow: 10_000, carryIn: 7 });

function setup(compute: (epoch: number) => EpochComputation = () => example) {
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'rewards.epochs': () => makeEpochs([makeSummary(2968), makeSummary(2967), makeSummary(2966)]),
    'rewards.compute': ({ epoch }: CommandInput<'rewards.compute'>) => compute(epoch),
  });
  renderWithTransport(<UserApp />, transport, 'transparency');
  return transport;
}

describe('transparency page', () => {
  it('shows the parameters, the epoch’s pool and the exact sum check of its split', async () => {
    const transport = setup();
    const check = await screen.findByTestId('split-check');
    // Newest final epoch by default, not the open one.
    expect(transport.callsOf('rewards.compute')[0]).toEqual({ epoch: 2967 });
    expect(example.producers.map((p) => p.amount)).toEqual([6_113, 3_893]);
    expect(check.getAttribute('data-holds')).toBe('true');
    expect(check.textContent).toContain('Σ rewards 10,006 µcr + carried out 1 µcr = 10,007 µcr');
    expect(check.textContent).toContain('= pool of the epoch: fees 10,000 µcr + carried in 7 µcr = 10,007 µcr');
    expect(within(check).getByTestId('split-check-verdict').textContent).toContain('✓ exact');
    expect(screen.getByTestId('pool-distributable').getAttribute('data-micro')).toBe('10007');
    expect(screen.getByTestId('pool-carry-out').getAttribute('data-micro')).toBe('1');
    expect(screen.getByTestId('param-fee').textContent).toContain('5 %');
    expect(screen.getByTestId('param-epoch').textContent).toContain('7 days');
    expect(screen.getByTestId('param-grace').textContent).toContain('1 day after the close');
    expect(screen.getByTestId('param-weights').textContent).toBe('quality 50 · latency 20 · reliability 30');
    expect(screen.getByTestId('param-threshold').textContent).toContain('at least 3 distinct paying users and 3 counted successful calls');
    expect(within(screen.getByTestId('formula-lines')).getAllByRole('listitem')).toHaveLength(example.formula.length);
    expect(screen.getByTestId('ignored-lines').textContent).toContain('5 calls a producer made to its own models');
  });

  it('lists every producer’s score inputs and recomputes its amount as ⌊D × score / total⌋', async () => {
    setup();
    const rows = await screen.findAllByTestId('split-row');
    expect(rows.map((r) => [r.getAttribute('data-producer-key'), r.getAttribute('data-amount'), r.getAttribute('data-matches')])).toEqual([
      [OTHER_KEY, '6113', 'true'],
      [IDENTITY_KEY, '3893', 'true'],
    ]);
    expect(within(rows[0]!).getByTestId('split-expected').textContent).toBe('6,113 µcr ✓');
    expect(within(rows[1]!).getByText('you')).toBeTruthy();
    fireEvent.click(within(rows[0]!).getByTestId('split-expand'));
    const model = await screen.findByTestId('split-model');
    expect(model.getAttribute('data-model-id')).toBe(OTHER_MODEL);
    expect(model.textContent).toContain('4 × 742 = 2,968');
    expect(screen.getByTestId('split-total').textContent).toContain('4,858');
  });

  it('says so when the amounts and the remainder do not add up to the pool', async () => {
    const tampered = { ...example, producers: example.producers.map((p, i) => (i === 0 ? { ...p, amount: p.amount + 1 } : p)) };
    setup(() => tampered);
    const check = await screen.findByTestId('split-check');
    expect(check.getAttribute('data-holds')).toBe('false');
    expect(check.textContent).toContain('Σ rewards 10,007 µcr + carried out 1 µcr = 10,008 µcr');
    expect(within(check).getByTestId('split-check-verdict').textContent).toContain('✗ does not add up');
    expect(screen.getAllByTestId('split-row')[0]!.getAttribute('data-matches')).toBe('false');
  });

  it('recomputes another epoch when picked', async () => {
    const transport = setup((epoch) => makeComputation(epoch, [makeModel(OTHER_MODEL, OTHER_KEY)], { inflow: 5_000, carryIn: 0 }));
    await screen.findByTestId('split-check');
    fireEvent.change(screen.getByTestId('transparency-epoch'), { target: { value: '2966' } });
    await waitFor(() => expect(transport.callsOf('rewards.compute').at(-1)).toEqual({ epoch: 2966 }));
    await waitFor(() => expect(screen.getByTestId('pool-card').textContent).toContain('Pool of epoch #2966'));
    expect(screen.getByTestId('split-check').textContent).toContain('= 5,000 µcr');
  });
});

describe('splitCheck', () => {
  it('recomputes amounts in BigInt where D × score passes 2^53', () => {
    const c = makeComputation(1, [makeModel(OTHER_MODEL, OTHER_KEY, { payers: 1_000, perf: 999 }), makeModel(MY_MODEL, IDENTITY_KEY, { payers: 7, perf: 3 })], { inflow: 9_000_000_000_000, carryIn: 1 });
    const check = splitCheck(c);
    // 9,000,000,000,001 × 999,000 ≈ 9e18: a float product would lose the last digits.
    expect(check.rows[0]!.expected).toBe(Number((9_000_000_000_001n * 999_000n) / 999_021n));
    expect(check.holds).toBe(true);
    expect(check.paidSum + check.carryOut).toBe(9_000_000_000_001);
  });
});

describe('epoch status and defaults', () => {
  it('tells open, closed (grace running) and final apart by the engine’s clock', () => {
    const e = makeSummary(2967);
    expect(epochStatus(e, e.close - 1)).toBe('open');
    expect(epochStatus(e, e.close)).toBe('closed');
    expect(epochStatus(e, e.finalAt - 1)).toBe('closed');
    expect(epochStatus(e, e.finalAt)).toBe('final');
    expect([604_800, 86_400, 5_400, 90].map(formatDuration)).toEqual(['7 days', '1 day', '90 min', '90 s']);
  });

  it('opens the newest final epoch, or for a producer the one it can claim', () => {
    const list = [makeSummary(2968), makeSummary(2967), makeSummary(2966, { amount: 5, state: 'claimable' })];
    expect(newestFinal(list)).toBe(2967);
    expect(producerDefaultEpoch(list)).toBe(2966);
    expect(newestFinal([makeSummary(2968)])).toBe(2968);
    expect(newestFinal([])).toBeNull();
  });
});
