import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CatalogRow } from '../../src-shared/catalog';
import type { CommandInput } from '../../src-shared/contract';
import type { ReviewView } from '../../src-shared/reviews';
import { ProducerApp } from '../../src-renderer/src/producer/ProducerApp';
import { withLayout } from './dom';
import { fakeTransport, type Handlers } from './fake-transport';
import { IDENTITY_KEY, makeCatalogItem, makeHealth } from './fixtures';
import { hashOf } from './ledger-fixtures';
import { renderWithTransport } from './render-app';
import { makeReview, makeSyncStatus } from './review-fixtures';

withLayout();

function producerConsole(models: CatalogRow[], reviews: Record<string, ReviewView[]>, extra: Handlers = {}) {
  const transport = fakeTransport({
    'system.health': () => makeHealth(),
    'settings.get': () => ({ theme: 'system' }),
    'sync.status': () => makeSyncStatus(),
    'catalog.list': () => ({ total: models.length, items: models }),
    'reviews.list': ({ modelId }) => ({ total: (reviews[modelId] ?? []).length, items: reviews[modelId] ?? [] }),
    ...extra,
  });
  renderWithTransport(<ProducerApp />, transport, 'producer-reviews');
  return transport;
}

describe('producer reviews tab', () => {
  const triage = makeCatalogItem({ producerKey: IDENTITY_KEY, name: 'Helpdesk Triage 7B', tasks: ['support'] });
  const router = makeCatalogItem({ producerKey: IDENTITY_KEY, name: 'Ticket Router', tasks: ['support'] });

  it('lists the reviews of every model of mine, newest first, with the reply already given', async () => {
    const old = makeReview(triage.id, { ts: 1_700_000_000_000, text: 'Old one', reply: { text: 'We fixed it.', ts: 1_700_000_100_000, hash: hashOf(1) } });
    const fresh = makeReview(router.id, { ts: 1_700_100_000_000, text: 'New one', verified: true });
    const transport = producerConsole([triage, router], { [triage.id]: [old], [router.id]: [fresh] });
    const items = await screen.findAllByTestId('review');
    expect(items.map((r) => within(r).getByTestId('review-model-name').textContent)).toEqual(['Ticket Router', 'Helpdesk Triage 7B']);
    expect(transport.callsOf('reviews.list')).toEqual(expect.arrayContaining([{ modelId: triage.id, sort: 'recent', limit: 200 }, { modelId: router.id, sort: 'recent', limit: 200 }]));
    expect(screen.getByTestId('producer-reviews-count').textContent).toBe('2 reviews · 1 without a reply');
    // The answered one shows its reply and offers to edit it; the other a reply form.
    expect(within(items[1]!).getByTestId('review-reply-text').textContent).toBe('We fixed it.');
    expect(within(items[1]!).getByTestId('reply-edit').textContent).toBe('Edit reply');
    expect(within(items[0]!).getByTestId('reply-form')).toBeTruthy();
    fireEvent.click(screen.getByTestId('producer-reviews-unanswered'));
    expect(screen.getAllByTestId('review')).toHaveLength(1);
  });

  it('signs a reply for the reviewer and model of that review', async () => {
    const review = makeReview(triage.id, { text: 'Slow on Mondays' });
    let replied: ReviewView = review;
    const transport = producerConsole([triage], { [triage.id]: [review] }, {
      'reviews.reply': (input: CommandInput<'reviews.reply'>) => (replied = { ...review, reply: { text: input.text, ts: 1_700_000_500_000, hash: hashOf(2) } }),
      'reviews.list': () => ({ total: 1, items: [replied] }),
    });
    const form = await screen.findByTestId('reply-form');
    fireEvent.click(within(form).getByTestId('reply-submit'));
    expect(within(form).getByTestId('reply-text-error').textContent).toBe('Write a reply first.');
    expect(transport.callsOf('reviews.reply')).toEqual([]);
    fireEvent.change(within(form).getByTestId('reply-text'), { target: { value: '  We added capacity on Mondays.  ' } });
    await waitFor(() => expect(within(form).queryByTestId('reply-text-error')).toBeNull());
    fireEvent.click(within(form).getByTestId('reply-submit'));
    expect(await screen.findByTestId('reply-done')).toBeTruthy();
    expect(transport.callsOf('reviews.reply')).toEqual([{ modelId: triage.id, reviewer: review.reviewer, text: 'We added capacity on Mondays.' }]);
    act(() => transport.emit('reviews.changed', { modelIds: [triage.id] }));
    await waitFor(() => expect(screen.getByTestId('review-reply-text').textContent).toBe('We added capacity on Mondays.'));
  });

  it('shows a refused reply with its code, keeping what was typed', async () => {
    producerConsole([triage], { [triage.id]: [makeReview(triage.id)] }, {
      'reviews.reply': () => {
        throw { code: 'FORBIDDEN', message: `Only the producer of ${triage.id} can reply to its reviews` };
      },
    });
    const form = await screen.findByTestId('reply-form');
    fireEvent.change(within(form).getByTestId('reply-text'), { target: { value: 'Thanks' } });
    await waitFor(() => expect(within(form).getByText('6 / 4,000')).toBeTruthy());
    fireEvent.click(within(form).getByTestId('reply-submit'));
    expect((await within(form).findByTestId('reply-error')).textContent).toContain('FORBIDDEN');
    expect((within(form).getByTestId('reply-text') as HTMLTextAreaElement).value).toBe('Thanks');
  });

  it('has an empty state', async () => {
    producerConsole([triage], {});
    expect((await screen.findByTestId('producer-reviews-empty')).textContent).toMatch(/No reviews of your models yet/);
  });
});
