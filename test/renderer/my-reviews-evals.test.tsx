import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract';
import type { ReviewView } from '../../src-shared/reviews';
import { withLayout } from './dom';
import { IDENTITY_KEY, makeCatalogItem } from './fixtures';
import { makeReport, makeReview } from './review-fixtures';
import { openModelPage, userWindow } from './review-app';

withLayout();

describe('my reviews', () => {
  it('lists what I wrote with the model name, and retracts after asking', async () => {
    const item = makeCatalogItem({ name: 'Reviewed Model' });
    let mine: ReviewView[] = [makeReview(item.id, { mine: true, reviewer: IDENTITY_KEY, text: 'Mine' })];
    const transport = userWindow(
      item,
      {
        'reviews.mine': () => mine,
        'reviews.retract': (input: CommandInput<'reviews.retract'>) => {
          mine = [];
          transport.emit('reviews.changed', { modelIds: [input.modelId] });
          return { retracted: true };
        },
      },
      'my-reviews',
    );
    const review = await screen.findByTestId('review');
    await waitFor(() => expect(within(review).getByTestId('my-review-model').textContent).toBe('Reviewed Model'));
    fireEvent.click(within(review).getByTestId('retract-review'));
    expect(within(review).getByTestId('retract-confirm').textContent).toMatch(/stays in the signed history/);
    fireEvent.click(within(review).getByTestId('retract-confirm-button'));
    expect(await screen.findByTestId('my-reviews-empty')).toBeTruthy();
    expect(transport.callsOf('reviews.retract')).toEqual([{ modelId: item.id }]);
  });

  it('edits a review in the same dialog, prefilled', async () => {
    const item = makeCatalogItem();
    userWindow(item, { 'reviews.mine': () => [makeReview(item.id, { mine: true, rating: 3, text: 'Was fine' })] }, 'my-reviews');
    fireEvent.click(await screen.findByTestId('edit-review'));
    const form = await screen.findByTestId('review-form');
    expect((within(form).getByTestId('review-text-input') as HTMLTextAreaElement).value).toBe('Was fine');
  });
});

describe('evaluations on the model page', () => {
  it('lists signed reports with their source, and says an evaluation is charged before running it', async () => {
    const item = makeCatalogItem({ tasks: ['code', 'chat'] });
    const run = {
      report: makeReport(item.id, { task: 'chat', passed: 1, cases: 3, accuracyBps: 3_333, ts: 1_700_000_900_000 }),
      results: [
        { prompt: 'Say hi', answer: 'hi <b>there</b>', passed: true, error: null, cost: 1_000 },
        { prompt: 'Count to 3', answer: null, passed: false, error: 'HTTP 500', cost: 0 },
        { prompt: 'Name a colour', answer: 'table', passed: false, error: null, cost: 1_200 },
      ],
      cost: 2_200,
    };
    const transport = userWindow(item, { 'evals.reports': () => [makeReport(item.id, { task: 'code', source: 'claimed', evaluator: item.producerKey })], 'evals.run': () => run });
    const page = await openModelPage();
    const report = await within(page).findByTestId('eval-report');
    expect(report.getAttribute('data-source')).toBe('claimed');
    expect(report.textContent).toContain('2 / 3');
    expect(within(page).getByTestId('eval-cost-note').textContent).toMatch(/each case is a real call, charged to your wallet/);
    fireEvent.change(within(page).getByTestId('eval-task'), { target: { value: 'chat' } });
    fireEvent.click(within(page).getByTestId('eval-run'));
    const result = await within(page).findByTestId('eval-result');
    expect(transport.callsOf('evals.run')).toEqual([{ modelId: item.id, task: 'chat' }]);
    expect(within(result).getByTestId('eval-result-passed').textContent).toBe('1 of 3 passed');
    expect(within(result).getByTestId('eval-result-accuracy').textContent).toBe('33.33 %');
    expect(within(result).getByTestId('eval-result-cost').textContent).toBe('0.0022 cr');
    const cases = within(result).getAllByTestId('eval-case');
    expect(cases.map((c) => c.getAttribute('data-passed'))).toEqual(['true', 'false', 'false']);
    expect(cases[0]!.textContent).toContain('hi <b>there</b>');
    expect(cases[1]!.textContent).toContain('HTTP 500');
    expect(cases[1]!.textContent).toContain('error');
  });

  it('does not offer to evaluate a model that cannot be called', async () => {
    userWindow(makeCatalogItem({ price: null }));
    const page = await openModelPage();
    expect((await within(page).findByTestId('eval-run')).hasAttribute('disabled')).toBe(true);
    expect(within(page).getByTestId('eval-section').textContent).toContain('Not priced yet');
  });
});
