import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandInput, CommandOutput } from '../../src-shared/contract';
import { buildRouteInput } from '../../src-renderer/src/routing/route-input';
import { applyDelta, newDecisionId, startStream } from '../../src-renderer/src/routing/stream';
import { INITIAL_PLAYGROUND } from '../../src-renderer/src/state/playground-view';
import { useUiStore } from '../../src-renderer/src/state/ui-store';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport, type Handlers } from './fake-transport';
import { fakeKey, makeCatalogItem, makeHealth } from './fixtures';
import { entriesPage, hashOf, makeCallResult, makePlan } from './ledger-fixtures';
import { renderWithTransport } from './render-app';

withLayout();

type CallInput = CommandInput<'route.call'>;

function playground(extra: Handlers = {}) {
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'catalog.list': () => ({ total: 0, items: [] }),
    'ledger.entries': () => entriesPage([]),
    'route.plan': () => makePlan('plan-1'),
    ...extra,
  });
  renderWithTransport(<UserApp />, transport, 'playground');
  return transport;
}

async function typePrompt(text = 'Where is my parcel?') {
  fireEvent.change(await screen.findByTestId('pg-prompt'), { target: { value: text } });
}

describe('route input', () => {
  it('builds exact integer constraints from the typed text', () => {
    const text = { ...INITIAL_PLAYGROUND, prompt: 'Hi', task: 'support', strategy: 'cheapest' as const, maxCost: '0.0125', minAccuracy: '91.5', maxLatency: '1,500', measuredOnly: true, producerMode: 'deny' as const, producers: [fakeKey('p1')], outputTokens: '200' };
    expect(buildRouteInput(text, `${fakeKey('p2')}:pinned`)).toEqual({
      input: {
        task: 'support',
        messages: [{ role: 'user', content: 'Hi' }],
        constraints: { maxCostPerCall: 12_500, minAccuracyBps: 9_150, maxLatencyP95Ms: 1_500, measuredOnly: true, denyProducers: [fakeKey('p1')], pinnedModel: `${fakeKey('p2')}:pinned` },
        strategy: 'cheapest',
        expectedOutputTokens: 200,
      },
      problems: {},
    });
    // Empty fields are no constraint at all; "any producer" ignores ticked ones.
    expect(buildRouteInput({ ...INITIAL_PLAYGROUND, prompt: 'Hi', producers: [fakeKey('p1')] }, null).input).toEqual({ task: 'chat', messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('reports what does not parse and builds nothing', () => {
    const { input, problems } = buildRouteInput({ ...INITIAL_PLAYGROUND, prompt: '  ', maxCost: '1,5', minAccuracy: '101', maxLatency: '0', outputTokens: 'many' }, null);
    expect(input).toBeNull();
    expect(problems).toEqual({
      prompt: 'Type a prompt.',
      maxCost: expect.stringMatching(/use a dot/),
      minAccuracy: expect.stringMatching(/at most 100 %/),
      maxLatency: expect.stringMatching(/at least 1/),
      outputTokens: expect.stringMatching(/whole number/),
    });
  });

  it('names decisions the way route.call accepts them', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newDecisionId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});

describe('streamed deltas', () => {
  it('assembles the text of its own decision only, and a reset starts over', () => {
    let state = startStream('pg-mine');
    state = applyDelta(state, { decisionId: 'pg-mine', modelId: 'm:a', text: 'Hel', reset: false });
    state = applyDelta(state, { decisionId: 'pg-other', modelId: 'm:a', text: 'NOISE', reset: false });
    state = applyDelta(state, { decisionId: 'pg-mine', modelId: 'm:a', text: 'lo', reset: false });
    expect(state).toMatchObject({ text: 'Hello', modelId: 'm:a', deltas: 2, resets: [] });
    state = applyDelta(state, { decisionId: 'pg-mine', modelId: 'm:a', text: '', reset: true });
    expect(state).toMatchObject({ text: '', modelId: null, resets: ['m:a'] });
    state = applyDelta(state, { decisionId: 'pg-mine', modelId: 'm:b', text: 'Hi again', reset: false });
    expect(state).toMatchObject({ text: 'Hi again', modelId: 'm:b', deltas: 4 });
  });
});

describe('route playground', () => {
  it('plans: the chosen model, candidates with score parts and cost, exclusions per constraint', async () => {
    const transport = playground();
    await typePrompt();
    fireEvent.change(screen.getByTestId('pg-task'), { target: { value: 'support' } });
    fireEvent.change(screen.getByTestId('pg-maxCost'), { target: { value: '0.01' } });
    fireEvent.click(screen.getByTestId('pg-plan'));
    const plan = await screen.findByTestId('plan');
    expect(transport.callsOf('route.plan')[0]).toEqual({ task: 'support', messages: [{ role: 'user', content: 'Where is my parcel?' }], constraints: { maxCostPerCall: 10_000 } });
    expect(within(plan).getByTestId('plan-chosen').textContent).toContain('Candidate 1');
    expect(within(plan).getByTestId('plan-chosen-cost').textContent).toBe('0.001 cr');
    const rows = within(plan).getAllByTestId('plan-candidate');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]!).getByTestId('candidate-cost').textContent).toBe('0.002 cr');
    expect(within(rows[1]!).getByTestId('score-price').getAttribute('data-value')).toBe('800');
    expect(within(rows[1]!).getByTestId('score-price').textContent).toContain('80 %');
    const excluded = within(plan).getAllByTestId('plan-excluded-row');
    expect(excluded.map((row) => [row.getAttribute('data-constraint'), row.getAttribute('data-count')])).toEqual([
      ['maxCostPerCall', '2'],
      ['measuredOnly', '2'],
    ]);
  });

  it('says which constraint emptied the set when there is no route', async () => {
    playground({
      'route.plan': () => {
        throw { code: 'NO_ROUTE', message: 'No model meets the constraints', details: { constraint: 'maxCostPerCall', excluded: { maxCostPerCall: 10 }, considered: 10 } };
      },
    });
    await typePrompt();
    fireEvent.change(screen.getByTestId('pg-maxCost'), { target: { value: '0.000001' } });
    fireEvent.click(screen.getByTestId('pg-plan'));
    const noRoute = await screen.findByTestId('no-route');
    expect(noRoute.getAttribute('data-constraint')).toBe('maxCostPerCall');
    expect(within(noRoute).getByTestId('no-route-constraint').textContent).toBe('Max cost per call (maxCostPerCall)');
    expect(noRoute.textContent).toContain('of 10 considered');
    expect(noRoute.textContent).toContain('Raise the max cost per call');
  });

  it('does not plan without a prompt', async () => {
    const transport = playground();
    fireEvent.click(await screen.findByTestId('pg-plan'));
    expect((await screen.findByTestId('pg-prompt-error')).textContent).toBe('Type a prompt.');
    expect(transport.callsOf('route.plan')).toHaveLength(0);
  });

  it('streams the answer of its decision, clears it on a reset, then shows the result', async () => {
    let finish!: (result: CommandOutput<'route.call'>) => void;
    const transport = playground({ 'route.call': () => new Promise((resolve) => (finish = resolve)) });
    await typePrompt('Summarise my ticket');
    fireEvent.click(screen.getByTestId('pg-send'));
    await waitFor(() => expect(transport.callsOf('route.call')).toHaveLength(1));
    const input = transport.callsOf('route.call')[0] as CallInput;
    expect(input.stream).toBe(true);
    expect(input.decisionId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const id = input.decisionId!;
    const answer = screen.getByTestId('answer');
    expect(answer.getAttribute('data-decision-id')).toBe(id);

    act(() => {
      transport.emit('route.delta', { decisionId: id, modelId: 'm:first', text: 'Half an ', reset: false });
      transport.emit('route.delta', { decisionId: 'someone-elses', modelId: 'm:x', text: 'NOT MINE', reset: false });
    });
    expect(screen.getByTestId('answer-text').textContent).toBe('Half an ');
    act(() => transport.emit('route.delta', { decisionId: id, modelId: 'm:first', text: '', reset: true }));
    expect(screen.getByTestId('answer-text').textContent).toBe('');
    expect(screen.getByTestId('answer-resets')).toBeTruthy();
    act(() => {
      transport.emit('route.delta', { decisionId: id, modelId: 'm:second', text: 'Your ticket ', reset: false });
      transport.emit('route.delta', { decisionId: id, modelId: 'm:second', text: 'is about billing.', reset: false });
    });
    expect(screen.getByTestId('answer-text').textContent).toBe('Your ticket is about billing.');
    expect(answer.getAttribute('data-state')).toBe('running');
    expect(answer.getAttribute('data-deltas')).toBe('4');

    const result = makeCallResult(id, 'Your ticket is about billing.', {
      attempts: [
        { modelId: 'm:first' as string, try: 1, outcome: 'malformed', status: 200, message: 'stream ended early', latencyMs: 90 },
        { modelId: makePlan(id).candidates[1]!.modelId, try: 1, outcome: 'ok', status: 200, message: null, latencyMs: 140 },
      ],
    });
    await act(async () => finish(result));
    expect(answer.getAttribute('data-state')).toBe('done');
    expect(screen.getByTestId('answer-text').textContent).toBe('Your ticket is about billing.');
    expect(screen.getByTestId('answer-simulated').textContent).toBe('simulated');
    expect(screen.getByTestId('answer-model').textContent).toContain('Candidate 1');
    expect(screen.getByTestId('answer-cost').textContent).toBe('0.001234 cr');
    expect(screen.getAllByTestId('attempt').map((a) => a.getAttribute('data-outcome'))).toEqual(['malformed', 'ok']);
    // The plan the call was made with is shown.
    expect(screen.getByTestId('plan').getAttribute('data-decision-id')).toBe(id);

    fireEvent.click(screen.getByTestId('answer-charge-link'));
    expect(useUiStore.getState().screen).toBe('ledger');
    expect(useUiStore.getState().ledger.selected).toBe(hashOf(777));
  });

  it('sends thumbs up with a note for the decision that answered', async () => {
    const transport = playground({
      'route.call': (input: CallInput) => makeCallResult(input.decisionId!, 'Fine.'),
      'feedback.submit': ({ decisionId }: CommandInput<'feedback.submit'>) => ({ hash: hashOf(5), modelId: makePlan(decisionId).chosen.modelId, chargeHash: hashOf(777) }),
    });
    await typePrompt();
    fireEvent.click(screen.getByTestId('pg-send'));
    await screen.findByTestId('feedback');
    const id = (transport.callsOf('route.call')[0] as CallInput).decisionId;
    fireEvent.change(screen.getByTestId('feedback-note'), { target: { value: 'precise' } });
    fireEvent.click(screen.getByTestId('feedback-up'));
    expect((await screen.findByTestId('feedback-done')).getAttribute('data-up')).toBe('true');
    expect(transport.callsOf('feedback.submit')).toEqual([{ decisionId: id, up: true, note: 'precise' }]);
  });

  it('shows why a call failed, and that nothing was charged', async () => {
    playground({
      'route.call': () => {
        throw {
          code: 'PROVIDER_FAILED',
          message: 'Every candidate failed (2 attempts); nothing was charged',
          details: { attempts: [{ modelId: `${fakeKey('p')}:flaky`, try: 1, outcome: 'timeout', status: null, message: 'timed out after 30000 ms', latencyMs: 30_000 }] },
        };
      },
    });
    await typePrompt();
    fireEvent.click(screen.getByTestId('pg-send'));
    const failed = await screen.findByTestId('call-error');
    expect(failed.getAttribute('data-code')).toBe('PROVIDER_FAILED');
    expect(within(failed).getByTestId('attempt').textContent).toContain('timed out');
  });
});

describe('use this model', () => {
  it('pins the model from its page, routes only to it, and can be unpinned', async () => {
    const item = makeCatalogItem({ name: 'Pin Me', tasks: ['legal'] });
    const transport = fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'catalog.list': () => ({ total: 1, items: [item] }),
      'catalog.get': () => item,
      'pricing.history': () => [],
      'ledger.entries': () => entriesPage([]),
      'route.plan': () => makePlan('plan-pinned'),
    });
    renderWithTransport(<UserApp />, transport);
    fireEvent.click(await screen.findByTestId('catalog-row'));
    fireEvent.click(await within(await screen.findByTestId('model-detail')).findByTestId('use-model'));

    expect(useUiStore.getState().screen).toBe('playground');
    const pinned = await screen.findByTestId('pinned-model');
    expect(pinned.getAttribute('data-model-id')).toBe(item.id);
    await waitFor(() => expect(within(pinned).getByTestId('pinned-model-name').textContent).toBe('Pin Me'));
    // The playground moved to one of the pinned model's tasks.
    expect((screen.getByTestId('pg-task') as HTMLSelectElement).value).toBe('legal');

    await typePrompt('Is this clause enforceable?');
    fireEvent.click(screen.getByTestId('pg-plan'));
    await screen.findByTestId('plan');
    expect((transport.callsOf('route.plan')[0] as CommandInput<'route.plan'>).constraints).toEqual({ pinnedModel: item.id });

    fireEvent.click(screen.getByTestId('unpin-model'));
    expect(screen.queryByTestId('pinned-model')).toBeNull();
    fireEvent.click(screen.getByTestId('pg-plan'));
    await waitFor(() => expect(transport.callsOf('route.plan')).toHaveLength(2));
    expect((transport.callsOf('route.plan')[1] as CommandInput<'route.plan'>).constraints).toBeUndefined();
  });

  it('is not offered for a retired model', async () => {
    const item = makeCatalogItem({ retired: true });
    renderWithTransport(
      <UserApp />,
      fakeTransport({
        'system.health': () => makeHealth(),
        'settings.get': () => ({ theme: 'system' }),
        'catalog.list': () => ({ total: 1, items: [item] }),
        'catalog.get': () => item,
        'pricing.history': () => [],
        'ledger.entries': () => entriesPage([]),
      }),
    );
    fireEvent.click(await screen.findByTestId('catalog-row'));
    const detail = await screen.findByTestId('model-detail');
    await within(detail).findByTestId('compare-toggle');
    expect(within(detail).queryByTestId('use-model')).toBeNull();
  });
});
