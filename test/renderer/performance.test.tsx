import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { performanceRow } from '../../src-renderer/src/producer/performance/performance';
import { ProducerApp } from '../../src-renderer/src/producer/ProducerApp';
import { withLayout } from './dom';
import { fakeTransport } from './fake-transport';
import { IDENTITY_KEY, makeCatalogItem, makeHealth } from './fixtures';
import { renderWithTransport } from './render-app';
import { makeReport, makeSummary, makeSyncStatus } from './review-fixtures';

withLayout();

function measuredItem() {
  const item = makeCatalogItem({ producerKey: IDENTITY_KEY, name: 'Coder', tasks: ['code', 'chat'] });
  item.metrics = {
    ...item.metrics,
    accuracyBps: { code: { value: 9_000, source: 'claimed' }, chat: { value: 8_000, source: 'claimed' } },
    latencyP50Ms: { value: 300, source: 'measured' },
    latencyP95Ms: { value: 1_200, source: 'measured' },
    successRateBps: { value: 9_200, source: 'measured' },
  };
  return item;
}

describe('performance data mapping', () => {
  it('puts each task’s accuracy, newest measured evaluation, ratings and feedback on one row', () => {
    const item = measuredItem();
    const code = makeSummary(item.id, { task: 'code', count: 4, verified: 3, averageX100: 380, trend: { last30X100: 340, previous30X100: 410 }, feedback: { up: 1, down: 4 } });
    const row = performanceRow({
      item,
      overall: makeSummary(item.id, { count: 4, held: 2, averageX100: 380 }),
      byTask: { code, chat: makeSummary(item.id, { task: 'chat' }) },
      reports: [
        makeReport(item.id, { task: 'code', source: 'claimed', accuracyBps: 9_500, ts: 3 }),
        makeReport(item.id, { task: 'code', source: 'measured', accuracyBps: 6_667, ts: 2 }),
        makeReport(item.id, { task: 'code', source: 'measured', accuracyBps: 3_333, ts: 1 }),
      ],
    });
    expect(row.latencyP50).toEqual({ value: 300, source: 'measured' });
    expect(row.success).toEqual({ value: 9_200, source: 'measured' });
    const [codeRow, chatRow] = row.tasks;
    expect(codeRow).toMatchObject({ task: 'code', accuracy: { value: 9_000, source: 'claimed' }, evaluations: 3, summary: code });
    // A measured report wins over a newer claimed one; the newest measured one is shown.
    expect(codeRow!.evaluation).toMatchObject({ source: 'measured', accuracyBps: 6_667 });
    expect(codeRow!.hints).toEqual([
      'Measured accuracy 66.67 % is below your claimed 90 %.',
      'More thumbs down (4) than up (1) on routed code calls.',
      'Rating fell from 4.1 to 3.4 over the last 30 days.',
    ]);
    expect(chatRow!.evaluation).toBeNull();
    expect(chatRow!.hints).toEqual(['No measured evaluation of chat yet: users see your claimed accuracy until someone else runs one.']);
    expect(row.hints).toEqual([
      'Success rate 92 %: failed calls fall back to other models and cost you routed share.',
      'p95 latency (1,200 ms) is over three times p50: slow outliers, check timeouts and load.',
      '2 review(s) held out of the average for 72 h (a burst from new identities).',
    ]);
  });

  it('has nothing to say about a model whose figures are measured and liked', () => {
    const item = measuredItem();
    item.metrics = { ...item.metrics, successRateBps: { value: 9_990, source: 'measured' }, latencyP95Ms: { value: 500, source: 'measured' } };
    item.tasks = ['code'];
    const row = performanceRow({
      item,
      overall: makeSummary(item.id),
      byTask: { code: makeSummary(item.id, { feedback: { up: 9, down: 1 } }) },
      reports: [makeReport(item.id, { task: 'code', accuracyBps: 9_000 })],
    });
    expect([...row.hints, ...row.tasks.flatMap((t) => t.hints)]).toEqual([]);
  });
});

describe('performance tab', () => {
  it('reads reports and summaries per model and task, and shows them with their sources', async () => {
    const item = measuredItem();
    const transport = fakeTransport({
      'system.health': () => makeHealth(),
      'settings.get': () => ({ theme: 'system' }),
      'sync.status': () => makeSyncStatus(),
      'catalog.list': () => ({ total: 1, items: [item] }),
      'evals.reports': () => [makeReport(item.id, { task: 'code', passed: 2, cases: 3 })],
      'reviews.summary': ({ modelId, task }) => makeSummary(modelId, task === 'code' ? { task, count: 2, verified: 1, averageX100: 450, feedback: { up: 5, down: 1 } } : { task: task ?? null }),
    });
    renderWithTransport(<ProducerApp />, transport, 'performance');
    const card = await screen.findByTestId('performance-model');
    expect(transport.callsOf('reviews.summary')).toEqual(expect.arrayContaining([{ modelId: item.id }, { modelId: item.id, task: 'code' }, { modelId: item.id, task: 'chat' }]));
    expect(within(card).getByTestId('perf-p95').textContent).toBe('1,200 ms');
    expect(within(card).getByTestId('performance-metrics').textContent).toContain('measured');
    const code = within(card).getAllByTestId('performance-task').find((r) => r.getAttribute('data-task') === 'code')!;
    expect(code.textContent).toContain('2/3 · 66.67 %');
    expect(code.textContent).toContain('4.5 · 2 reviews · 1 verified');
    expect(within(code).getByTestId('feedback-up-count').textContent).toBe('5');
    expect(within(card).getAllByTestId('performance-hint').map((h) => h.textContent)).toContain('No measured evaluation of chat yet: users see your claimed accuracy until someone else runs one.');
  });
});
