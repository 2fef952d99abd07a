import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SummaryView } from '../../src-renderer/src/reviews/ReviewSummaryPanel';
import { withLayout } from './dom';
import { makeCatalogItem } from './fixtures';
import { hashOf } from './ledger-fixtures';
import { makeReview, makeSummary } from './review-fixtures';
import { openModelPage, userWindow } from './review-app';

withLayout();

const HOSTILE = '<script>alert(1)</script><b>x</b>\nsecond line';

describe('review list', () => {
  it('renders stars, the verified badge, task, edited marker and the producer reply; text stays plain', async () => {
    const item = makeCatalogItem();
    const verified = makeReview(item.id, { rating: 5, verified: true, task: 'code', edited: true, text: HOSTILE, chargeHash: hashOf(3), reply: { text: 'Thanks <i>a lot</i>', ts: 1_700_000_900_000, hash: hashOf(4) } });
    const plain = makeReview(item.id, { rating: 2, text: '' });
    userWindow(item, { 'reviews.list': () => ({ total: 2, items: [verified, plain] }) });
    const page = await openModelPage();
    const [first, second] = await within(page).findAllByTestId('review');
    expect(first!.getAttribute('data-verified')).toBe('true');
    expect(within(first!).getByTestId('review-verified').textContent).toBe('Verified usage');
    expect(within(first!).getByTestId('review-task').textContent).toBe('code');
    expect(within(first!).getByTestId('review-edited')).toBeTruthy();
    expect(within(first!).getByTestId('review-stars').getAttribute('aria-label')).toBe('5 of 5 stars');
    // The text is shown literally, line break included; no element was made from it.
    const text = within(first!).getByTestId('review-text');
    expect(text.textContent).toBe(HOSTILE);
    expect(text.querySelector('b, script')).toBeNull();
    expect(text.children).toHaveLength(0);
    expect(within(first!).getByTestId('review-reply-text').textContent).toBe('Thanks <i>a lot</i>');
    expect(within(first!).getByTestId('review-reply').querySelector('i')).toBeNull();
    expect(within(second!).queryByTestId('review-verified')).toBeNull();
    expect(within(second!).queryByTestId('review-reply')).toBeNull();
    expect(second!.textContent).toContain('Stars only, no text.');
  });

  it('asks the engine for the chosen sort, and for more on demand', async () => {
    const item = makeCatalogItem();
    const all = Array.from({ length: 14 }, (_, i) => makeReview(item.id, { text: `review ${i}` }));
    const transport = userWindow(item, { 'reviews.list': ({ limit = 50 }) => ({ total: all.length, items: all.slice(0, limit) }) });
    const page = await openModelPage();
    expect(await within(page).findAllByTestId('review')).toHaveLength(10);
    fireEvent.change(within(page).getByTestId('review-sort'), { target: { value: 'verified' } });
    await waitFor(() => expect(transport.callsOf('reviews.list')).toContainEqual({ modelId: item.id, sort: 'verified', limit: 10 }));
    fireEvent.click(within(page).getByTestId('review-more'));
    await waitFor(() => expect(within(page).getAllByTestId('review')).toHaveLength(14));
    expect(transport.callsOf('reviews.list')).toContainEqual({ modelId: item.id, sort: 'verified', limit: 20 });
    expect(within(page).queryByTestId('review-more')).toBeNull();
  });

  it('marks held reviews and explains the hold', async () => {
    const item = makeCatalogItem();
    userWindow(item, {
      'reviews.list': () => ({ total: 1, items: [makeReview(item.id, { heldUntil: 1_700_259_200_000 })] }),
      'reviews.summary': () => makeSummary(item.id, { count: 1, held: 1 }),
    });
    const page = await openModelPage();
    expect((await within(page).findByTestId('review-held-badge')).getAttribute('title')).toMatch(/held out of the average for 72 h/);
    expect(within(page).getByTestId('review-held').textContent).toBe('1 review held out of the average for 72 h: a burst of reviews from new identities.');
    expect(within(page).getByTestId('review-average-none').textContent).toMatch(/No review counts toward the average yet/);
  });
});

describe('review summary', () => {
  it('draws one histogram bar per star count, relative to the largest, 5 stars first', () => {
    render(
      <SummaryView
        summary={makeSummary('m', {
          count: 10,
          verified: 7,
          averageX100: 412,
          meanX100: 430,
          histogram: [1, 0, 1, 4, 2],
          trend: { last30X100: 420, previous30X100: 390 },
          feedback: { up: 12, down: 3 },
        })}
      />,
    );
    const rows = screen.getAllByTestId('histogram-row');
    expect(rows.map((r) => [r.getAttribute('data-stars'), r.getAttribute('data-count')])).toEqual([
      ['5', '2'],
      ['4', '4'],
      ['3', '1'],
      ['2', '0'],
      ['1', '1'],
    ]);
    const widths = rows.map((r) => (r.querySelector('.histogram-fill') as HTMLElement).style.width);
    expect(widths).toEqual(['50%', '100%', '25%', '0%', '25%']);
    expect(screen.getByTestId('review-average').textContent).toBe('4.1');
    expect(screen.getByTestId('review-verified-count').textContent).toBe('7 verified usage');
    expect(screen.getByTestId('review-trend').textContent).toBe('Last 30 days 4.2 · previous 30 days 3.9 (+0.3)');
    expect(screen.getByTestId('feedback-up-count').textContent).toBe('12');
    expect(screen.getByTestId('feedback-down-count').textContent).toBe('3');
    // The thumbs are drawn, not emoji.
    expect(screen.getByTestId('feedback-counts').querySelectorAll('svg')).toHaveLength(2);
    expect(screen.queryByTestId('review-held')).toBeNull();
  });
});
