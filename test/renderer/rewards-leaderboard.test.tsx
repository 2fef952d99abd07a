import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandInput, CommandOutput } from '../../src-shared/contract';
import { useUiStore } from '../../src-renderer/src/state/ui-store';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { IDENTITY_KEY, makeCatalogItem, makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';
import { makeComputation, makeEpochs, makeModel, makeSummary, MY_MODEL, OTHER_KEY, OTHER_MODEL } from './rewards-fixtures';

withLayout();

type Board = CommandOutput<'rewards.leaderboard'>;

function board(task: string, epoch: number): Board {
  return {
    task,
    epoch,
    final: epoch <= 2967,
    models: [
      { rank: 1, modelId: OTHER_MODEL, name: 'Northwind 8B', producerKey: OTHER_KEY, producerName: 'Northwind Models', payers: 5, quality: 642, latency: 571, reliability: 928, perf: 714, score: 3_570, qualified: true },
      { rank: 2, modelId: MY_MODEL, name: 'Helpdesk Triage 7B', producerKey: IDENTITY_KEY, producerName: 'My Model Lab', payers: 2, quality: 500, latency: 500, reliability: 1_000, perf: 650, score: 0, qualified: false },
    ],
    producers: [
      { producerKey: OTHER_KEY, name: 'Northwind Models', score: 3_570, amount: 10_007, models: 1 },
      { producerKey: IDENTITY_KEY, name: 'My Model Lab', score: 0, amount: 0, models: 1 },
    ],
  };
}

function setup() {
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'rewards.epochs': () => makeEpochs([makeSummary(2968), makeSummary(2967), makeSummary(2966)]),
    // No epoch asked: the engine answers with the newest final one.
    'rewards.leaderboard': ({ task, epoch }: CommandInput<'rewards.leaderboard'>) => board(task, epoch ?? 2967),
    'catalog.get': ({ id }: CommandInput<'catalog.get'>) => ({ ...makeCatalogItem({ producerKey: OTHER_KEY, slug: 'northwind-8b', name: 'Northwind 8B' }), id }),
    'rewards.compute': ({ epoch }: CommandInput<'rewards.compute'>) => makeComputation(epoch, [makeModel(OTHER_MODEL, OTHER_KEY), makeModel(MY_MODEL, IDENTITY_KEY, { payers: 2 })], { qualified: { [IDENTITY_KEY]: false } }),
  });
  renderWithTransport(<UserApp />, transport, 'leaderboard');
  return transport;
}

describe('leaderboard', () => {
  it('ranks the task’s models of the newest final epoch with their parts and their producers’ rewards', async () => {
    const transport = setup();
    const rows = await screen.findAllByTestId('leaderboard-row');
    expect(transport.callsOf('rewards.leaderboard')[0]).toEqual({ task: 'support' });
    expect(rows.map((r) => r.getAttribute('data-model-id'))).toEqual([OTHER_MODEL, MY_MODEL]);
    const cells = within(rows[0]!).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['1', 'Northwind 8B', 'Northwind Models', '5', '642', '571', '928', '714', '3,570', '0.010007 cr']);
    expect(within(rows[1]!).getByTestId('leaderboard-score').textContent).toBe('0below threshold');
    expect(within(rows[1]!).getByTestId('leaderboard-reward').getAttribute('data-micro')).toBe('0');
    await waitFor(() => expect((screen.getByTestId('leaderboard-epoch') as HTMLSelectElement).value).toBe('2967'));
    expect(screen.getByTestId('epoch-status').getAttribute('data-status')).toBe('final');
    expect(screen.getAllByTestId('leaderboard-producer').map((p) => p.textContent)).toEqual(['Northwind Models13,5700.010007 cr', 'My Model Lab100 cr']);
  });

  it('asks for another task and epoch, and says when the epoch is still provisional', async () => {
    const transport = setup();
    await screen.findAllByTestId('leaderboard-row');
    fireEvent.change(screen.getByTestId('leaderboard-task'), { target: { value: 'code' } });
    await waitFor(() => expect(transport.callsOf('rewards.leaderboard').at(-1)).toEqual({ task: 'code' }));
    fireEvent.change(await screen.findByTestId('leaderboard-epoch'), { target: { value: '2968' } });
    await waitFor(() => expect(transport.callsOf('rewards.leaderboard').at(-1)).toEqual({ task: 'code', epoch: 2968 }));
    expect((await screen.findByTestId('leaderboard-provisional')).textContent).toContain('Epoch #2968 is not final yet');
    expect(screen.getByTestId('epoch-status').getAttribute('data-status')).toBe('open');
  });

  it('opens a model’s page beside the table, like the catalog', async () => {
    const transport = setup();
    const rows = await screen.findAllByTestId('leaderboard-row');
    fireEvent.click(within(rows[0]!).getByTestId('leaderboard-model'));
    expect((await screen.findByTestId('model-detail-name')).textContent).toContain('Northwind 8B');
    expect(transport.callsOf('catalog.get')).toContainEqual({ id: OTHER_MODEL });
    expect(useUiStore.getState().selectedModelId).toBe(OTHER_MODEL);
    fireEvent.click(screen.getByTestId('close-detail'));
    expect(screen.queryByTestId('model-detail')).toBeNull();
  });

  it('links to the transparency page of the epoch shown, and back', async () => {
    const transport = setup();
    await screen.findAllByTestId('leaderboard-row');
    fireEvent.click(await screen.findByTestId('open-transparency'));
    const check = await screen.findByTestId('split-check');
    expect(transport.callsOf('rewards.compute').at(-1)).toEqual({ epoch: 2967 });
    expect(check.getAttribute('data-holds')).toBe('true');
    fireEvent.click(screen.getByTestId('transparency-back'));
    expect(await screen.findByTestId('leaderboard')).toBeTruthy();
  });
});
