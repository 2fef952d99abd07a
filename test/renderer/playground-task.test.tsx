import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract';
import { UserApp } from '../../src-renderer/src/user/UserApp';
import { withLayout } from './dom';
import { fakeTransport, type Handlers } from './fake-transport';
import { makeHealth } from './fixtures';
import { entriesPage, makeCallResult, makeCandidate, makePlan } from './ledger-fixtures';
import { renderWithTransport } from './render-app';

withLayout();

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

async function typePrompt(text: string) {
  fireEvent.change(await screen.findByTestId('pg-prompt'), { target: { value: text } });
}

describe('playground task', () => {
  it('routes to the task the prompt points to, shown as Auto, until one is chosen', async () => {
    const transport = playground();
    await typePrompt('Translate to French: "see you tomorrow"');
    const select = screen.getByTestId('pg-task') as HTMLSelectElement;
    expect(select.value).toBe('');
    expect(screen.getByTestId('pg-task-auto').textContent).toBe('Auto: translation');
    fireEvent.click(screen.getByTestId('pg-plan'));
    await screen.findByTestId('plan');
    expect((transport.callsOf('route.plan')[0] as CommandInput<'route.plan'>).task).toBe('translation');

    await typePrompt('Is this review positive or negative? "Great battery"');
    expect(screen.getByTestId('pg-task-auto').textContent).toBe('Auto: classification');
    fireEvent.change(select, { target: { value: 'support' } });
    fireEvent.click(screen.getByTestId('pg-plan'));
    await waitFor(() => expect(transport.callsOf('route.plan')).toHaveLength(2));
    expect((transport.callsOf('route.plan')[1] as CommandInput<'route.plan'>).task).toBe('support');
  });
});

describe('playground plan rows', () => {
  it('keeps an explored pick in its place by score and flags it apart', async () => {
    const best = makeCandidate(1);
    const second = makeCandidate(2);
    const explored = makeCandidate(3, { explored: true });
    // The engine lists the chosen first; the screen orders by score.
    playground({ 'route.plan': () => makePlan('plan-x', { chosen: explored, candidates: [explored, best, second] }) });
    await typePrompt('Hello there');
    fireEvent.click(screen.getByTestId('pg-plan'));
    const plan = await screen.findByTestId('plan');
    const rows = within(plan).getAllByTestId('plan-candidate');
    expect(rows.map((r) => r.getAttribute('data-model-id'))).toEqual([best.modelId, second.modelId, explored.modelId]);
    expect(rows[2]!.getAttribute('data-chosen')).toBe('explored');
    expect(within(plan).getByTestId('plan-explored').textContent).toContain('#3 by score');
  });

  it('keeps the engine order when the pick was not explored', async () => {
    const plan = makePlan('plan-y');
    playground({ 'route.plan': () => plan });
    await typePrompt('Hello there');
    fireEvent.click(screen.getByTestId('pg-plan'));
    const rows = within(await screen.findByTestId('plan')).getAllByTestId('plan-candidate');
    expect(rows.map((r) => r.getAttribute('data-model-id'))).toEqual(plan.candidates.map((c) => c.modelId));
    expect(rows[0]!.getAttribute('data-chosen')).toBe('best');
  });

  it('shows one quality figure per row: the estimate, on the quality bar', async () => {
    playground();
    await typePrompt('Hello there');
    fireEvent.click(screen.getByTestId('pg-plan'));
    const row = within(await screen.findByTestId('plan')).getAllByTestId('plan-candidate')[0]!;
    // The estimate (8,900 bps), not the score part (950 / 1000, which would read 95 %).
    expect(makeCandidate(1).qualityBps).toBe(8_900);
    expect(within(row).getByTestId('score-quality').textContent).toBe('Quality89 %');
    expect(within(row).getByTestId('score-quality').getAttribute('title')).toMatch(/score part 950 \/ 1000/);
    expect(row.textContent).not.toMatch(/quality ·/);
  });
});

describe('playground answers', () => {
  it('clears the previous answer when a new plan is asked for, even when it fails', async () => {
    let planFails = false;
    playground({
      'route.call': (input: CommandInput<'route.call'>) => makeCallResult(input.decisionId!, 'An old answer.'),
      'route.plan': () => {
        if (planFails) throw { code: 'NO_ROUTE', message: 'No model is left after the constraints', details: { constraint: 'maxCostPerCall', excluded: { maxCostPerCall: 3 }, considered: 3 } };
        return makePlan('plan-1');
      },
    });
    await typePrompt('Hello there');
    fireEvent.click(screen.getByTestId('pg-send'));
    expect((await screen.findByTestId('answer-text')).textContent).toBe('An old answer.');
    planFails = true;
    await typePrompt('A new question');
    fireEvent.click(screen.getByTestId('pg-plan'));
    await screen.findByTestId('no-route');
    expect(screen.queryByTestId('answer')).toBeNull();
  });
});
