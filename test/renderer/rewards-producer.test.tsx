import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract';
import type { EpochSummary } from '../../src-shared/rewards';
import { formatMoney } from '../../src-renderer/src/format/numbers';
import { ProducerApp } from '../../src-renderer/src/producer/ProducerApp';
import { useUiStore } from '../../src-renderer/src/state/ui-store';
import { withLayout } from './dom';
import { fakeTransport, type Handlers } from './fake-transport';
import { IDENTITY_KEY, makeCatalogItem, makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';
import { forProducer, HASH, makeComputation, makeEpochs, makeModel, makeProjection, makeSummary, MY_MODEL, NOW, OTHER_KEY, OTHER_MODEL } from './rewards-fixtures';

withLayout();

const mine = makeModel(MY_MODEL, IDENTITY_KEY, { payers: 4, calls: 8, voters: 0, consensus: 500, quality: 500, latency: { part: 500, task: 'support', medianMs: 1_881, taskMedianMs: 1_881 }, reliability: { part: 750, ok: 6, counted: 8 } });
const theirs = makeModel(OTHER_MODEL, OTHER_KEY, { payers: 5 });
const computation = makeComputation(2967, [mine, theirs], { inflow: 206_333, carryIn: 4 });
const myAmount = computation.producers.find((p) => p.producerKey === IDENTITY_KEY)!.amount;

/** Epoch 2968 open, 2967 final with an unclaimed reward, 2966 claimed, 2965 nothing. */
function epochList(claimed2967 = false): EpochSummary[] {
  return [
    makeSummary(2968, { amount: 900, state: 'not-final', why: ['final (claimable) from …'] }),
    makeSummary(2967, { amount: myAmount, state: claimed2967 ? 'claimed' : 'claimable' }, claimed2967 ? { claimed: myAmount, claims: [{ hash: HASH(1), producerKey: IDENTITY_KEY, epoch: 2967, amount: myAmount, resultHash: HASH(2967), seq: 1, ts: NOW, status: 'valid', reason: null, mine: true }] } : {}),
    makeSummary(2966, { amount: 20_490, state: 'claimed' }),
    makeSummary(2965, { amount: 0, state: 'nothing', why: ['threshold not met: 2 distinct paying user(s) < 3'] }),
  ];
}

function handlers(overrides: Handlers = {}): Handlers {
  let balance = 128_220;
  let claimed = false;
  const item = makeCatalogItem({ producerKey: IDENTITY_KEY, slug: 'helpdesk-triage-7b', name: 'Helpdesk Triage 7B', tasks: ['support'], price: { inputPer1M: 456_000, outputPer1M: 977_000, perRequest: 0 } });
  return {
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'catalog.list': () => ({ total: 1, items: [{ ...item, id: MY_MODEL }] }),
    'rewards.epochs': () => makeEpochs(epochList(claimed)),
    'rewards.compute': ({ epoch, producerKey }: CommandInput<'rewards.compute'>) => forProducer(epoch === 2967 ? computation : makeComputation(epoch, [theirs]), producerKey),
    'ledger.balance': ({ account }: CommandInput<'ledger.balance'>) => ({ account: account!, balance, entries: 40 }),
    'rewards.claim': ({ epoch }: CommandInput<'rewards.claim'>) => {
      claimed = true;
      balance += myAmount;
      return { claim: { hash: HASH(1), producerKey: IDENTITY_KEY, epoch, amount: myAmount, resultHash: HASH(epoch), seq: 1, ts: NOW, status: 'valid', reason: null, mine: true }, balance };
    },
    'rewards.projection': ({ modelId, candidate }: CommandInput<'rewards.projection'>) => makeProjection(modelId, candidate),
    ...overrides,
  };
}

describe('producer rewards tab', () => {
  it('lists the epochs with their status and opens on the claimable one, with each score part and why', async () => {
    const transport = fakeTransport(handlers());
    renderWithTransport(<ProducerApp />, transport, 'rewards');
    const rows = await screen.findAllByTestId('epoch-row');
    expect(rows.map((r) => [r.getAttribute('data-epoch'), within(r).getByTestId('epoch-status').getAttribute('data-status'), r.getAttribute('data-state')])).toEqual([
      ['2968', 'open', 'not-final'],
      ['2967', 'final', 'claimable'],
      ['2966', 'final', 'claimed'],
      ['2965', 'final', 'nothing'],
    ]);
    expect(within(rows[1]!).getByTestId('epoch-claim')).toBeTruthy();
    expect(within(rows[2]!).queryByTestId('epoch-claim')).toBeNull();

    const detail = await screen.findByTestId('epoch-detail');
    expect(detail.getAttribute('data-epoch')).toBe('2967');
    expect(transport.callsOf('rewards.compute')[0]).toEqual({ epoch: 2967, producerKey: IDENTITY_KEY });
    expect(screen.getByTestId('my-reward').getAttribute('data-micro')).toBe(String(myAmount));
    const card = await screen.findByTestId('model-score');
    const parts = Object.fromEntries(within(card).getAllByTestId('model-part').map((p) => [p.getAttribute('data-part'), p.textContent]));
    expect(parts.popularity).toContain('4 distinct paying users (8 paid calls)');
    expect(parts.quality).toContain('500 / 1000');
    expect(parts.quality).toContain('neutral prior 500 (3 stars)');
    expect(parts.latency).toContain('Median 1,881 ms, as fast as the support median of 1,881 ms');
    expect(parts.reliability).toContain('6 of 8 counted calls succeeded');
    // perf = (50 × 500 + 20 × 500 + 30 × 750) / 100 = 575; score = 4 × 575.
    expect(within(card).getByTestId('model-score-total').textContent).toBe('score 4 × 575 = 2,300');
    expect(within(card).getByTestId('model-notes').textContent).toContain('clipped at the consensus');
    expect(screen.getByTestId('my-threshold').textContent).toContain('✓ 4 distinct paying users (at least 3 needed)');
    expect(screen.getByTestId('epoch-ignored').textContent).toContain('5 calls a producer made to its own models: excluded');
    expect(screen.getByTestId('rewards-claimable').getAttribute('data-micro')).toBe(String(myAmount));
    expect(screen.getByTestId('rewards-claimed').getAttribute('data-micro')).toBe('20490');
  });

  it('explains why a producer earned nothing when its epoch has no score', async () => {
    const transport = fakeTransport(handlers());
    renderWithTransport(<ProducerApp />, transport, 'rewards');
    const rows = await screen.findAllByTestId('epoch-row');
    fireEvent.click(within(rows[3]!).getByTestId('epoch-select'));
    await waitFor(() => expect(screen.getByTestId('epoch-detail').getAttribute('data-epoch')).toBe('2965'));
    expect(screen.getByTestId('claim-nothing')).toBeTruthy();
    expect(screen.getByTestId('my-why').textContent).toContain('threshold not met: 2 distinct paying user(s) < 3');
    expect(await screen.findByTestId('my-models-none')).toBeTruthy();
    expect(screen.queryByTestId('claim-button')).toBeNull();
  });

  it('claims a final epoch: signs through rewards.claim, shows the new balance and the claimed state', async () => {
    const transport = fakeTransport(handlers());
    renderWithTransport(<ProducerApp />, transport, 'rewards');
    expect((await screen.findByTestId('rewards-balance')).getAttribute('data-micro')).toBe('128220');
    fireEvent.click(await screen.findByTestId('claim-button'));
    const success = await screen.findByTestId('claim-success');
    expect(transport.callsOf('rewards.claim')).toEqual([{ epoch: 2967 }]);
    expect(success.textContent).toContain(`for epoch #2967`);
    await waitFor(() => expect(screen.getByTestId('claim-panel').getAttribute('data-state')).toBe('claimed'));
    expect(screen.getByTestId('my-claim').getAttribute('data-status')).toBe('valid');
    await waitFor(() => expect(screen.getByTestId('rewards-balance').getAttribute('data-micro')).toBe(String(128_220 + myAmount)));
    expect(success.textContent).toContain(`Your producer balance is now ${formatMoney(128_220 + myAmount)}.`);
    const row = screen.getAllByTestId('epoch-row').find((r) => r.getAttribute('data-epoch') === '2967')!;
    expect(row.getAttribute('data-state')).toBe('claimed');
    expect(within(row).queryByTestId('epoch-claim')).toBeNull();
  });

  it('shows a refused claim with its code, re-reads the epochs and leaves the balance as it was', async () => {
    const transport = fakeTransport(handlers({ 'rewards.claim': () => Promise.reject({ code: 'CONFLICT', message: 'Epoch 2967 is already claimed (28368 micro-credits)' }) }));
    renderWithTransport(<ProducerApp />, transport, 'rewards');
    const rows = await screen.findAllByTestId('epoch-row');
    const reads = transport.callsOf('rewards.epochs').length;
    fireEvent.click(within(rows[1]!).getByTestId('epoch-claim'));
    const error = await screen.findByTestId('claim-error');
    expect(error.textContent).toContain('already claimed');
    expect(within(error).getByTestId('error-code').textContent).toBe('CONFLICT');
    await waitFor(() => expect(transport.callsOf('rewards.epochs').length).toBeGreaterThan(reads));
    expect(screen.queryByTestId('claim-success')).toBeNull();
    expect(screen.getByTestId('rewards-balance').getAttribute('data-micro')).toBe('128220');
    expect(screen.getByTestId('claim-panel').getAttribute('data-state')).toBe('claimable');
  });

  it('projects a candidate price through rewards.projection and opens the epoch’s transparency page', async () => {
    const transport = fakeTransport({ ...handlers(), 'rewards.epochs': () => makeEpochs(epochList()) });
    renderWithTransport(<ProducerApp />, transport, 'rewards');
    const input = await screen.findByTestId('projection-inputPer1M');
    expect((input as HTMLInputElement).value).toBe('0.456');
    fireEvent.change(input, { target: { value: '0.2' } });
    fireEvent.change(screen.getByTestId('projection-outputPer1M'), { target: { value: '0.5' } });
    await waitFor(() => expect(transport.callsOf('rewards.projection').at(-1)).toEqual({ modelId: MY_MODEL, candidate: { inputPer1M: 200_000, outputPer1M: 500_000, perRequest: 0 }, task: 'support' }));
    const share = await screen.findByTestId('projection-share');
    await waitFor(() => expect(within(share).getByTestId('projection-candidate').textContent).toBe('40 % (26 of 65 calls)'));
    expect(within(screen.getByTestId('projection-reward')).getByTestId('projection-candidate').textContent).toBe('0.012345 cr');

    fireEvent.click(screen.getByTestId('rewards-transparency'));
    expect(useUiStore.getState().screen).toBe('transparency');
    expect(useUiStore.getState().rewards.epoch).toBe(2967);
    expect((await screen.findByTestId('split-check')).getAttribute('data-holds')).toBe('true');
    fireEvent.click(screen.getByTestId('transparency-back'));
    expect(useUiStore.getState().screen).toBe('rewards');
  });
});
