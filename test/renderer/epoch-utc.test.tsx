import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { epochLabel, epochUtcRange } from '../../src-renderer/src/rewards/epochs';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { IDENTITY_KEY, makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';
import { makeComputation, makeEpochs, makeModel, makeSummary, MY_MODEL } from './rewards-fixtures';

withLayout();

describe('epoch date ranges', () => {
  it('give the exact UTC window (close exclusive) beside the local day range', () => {
    const e = makeSummary(2967);
    expect(epochUtcRange(e)).toBe('UTC 2026-11-12 00:00 – 2026-11-19 00:00 (the close itself belongs to the next epoch)');
    expect(epochLabel(e)).toMatch(/^#2967 · Nov 1[12] – Nov 1[78]$/);
  });

  it('put the UTC window in the tooltip of the epoch picker and of the pool’s window on the transparency page', async () => {
    const transport = fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'rewards.epochs': () => makeEpochs([makeSummary(2968), makeSummary(2967), makeSummary(2966)]),
      'rewards.compute': ({ epoch }: { epoch: number }) => makeComputation(epoch, [makeModel(MY_MODEL, IDENTITY_KEY, { payers: 3, perf: 630 })]),
    });
    renderWithTransport(<UserApp />, transport, 'transparency');
    const poolWindow = await screen.findByTestId('pool-window');
    expect(poolWindow.getAttribute('title')).toBe(epochUtcRange(makeSummary(2967)));
    const picker = screen.getByTestId('transparency-epoch') as HTMLSelectElement;
    expect(picker.closest('label')!.getAttribute('title')).toBe(epochUtcRange(makeSummary(2967)));
    const options = [...picker.options];
    expect(options.map((o) => o.getAttribute('title'))).toEqual([2968, 2967, 2966].map((n) => epochUtcRange(makeSummary(n))));
    fireEvent.change(picker, { target: { value: '2966' } });
    expect(picker.closest('label')!.getAttribute('title')).toBe(epochUtcRange(makeSummary(2966)));
  });
});
