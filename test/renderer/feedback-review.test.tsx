import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract';
import { withLayout } from './dom';
import { IDENTITY_KEY, makeCatalogItem } from './fixtures';
import { entriesPage, hashOf, makeCallResult, userCharge } from './ledger-fixtures';
import { makeReview } from './review-fixtures';
import { userWindow } from './review-app';

withLayout();

/** A routed call answered by `item`, charged as `chargeHash`, in the playground. */
async function answered(item: ReturnType<typeof makeCatalogItem>, chargeHash: string, extra = {}) {
  const transport = userWindow(
    item,
    {
      'route.call': (input: CommandInput<'route.call'>) => makeCallResult(input.decisionId!, 'Here you go.', { modelId: item.id, modelName: item.name, chargeHash, plan: { ...makeCallResult('x', '').plan, task: 'chat' } }),
      'feedback.submit': () => ({ hash: hashOf(5), modelId: item.id, chargeHash }),
      'ledger.entries': () => entriesPage([userCharge(8, 1_700_000_300_000, 3_000), { ...userCharge(9, 1_700_000_200_000, 2_500), hash: chargeHash }]),
      ...extra,
    },
    'playground',
  );
  fireEvent.change(await screen.findByTestId('pg-prompt'), { target: { value: 'Hello' } });
  fireEvent.click(screen.getByTestId('pg-send'));
  await screen.findByTestId('feedback');
  fireEvent.change(screen.getByTestId('feedback-note'), { target: { value: 'Quick and right' } });
  fireEvent.click(screen.getByTestId('feedback-up'));
  return transport;
}

describe('feedback → review', () => {
  it('"Turn into a review" opens the dialog with the model, the call’s charge, its task and the note', async () => {
    const item = makeCatalogItem({ name: 'Chatty', tasks: ['code', 'chat'] });
    const charge = hashOf(4_242);
    const transport = await answered(item, charge, {
      'reviews.submit': (input: CommandInput<'reviews.submit'>) => makeReview(input.modelId, { verified: true, mine: true }),
    });
    const turn = await screen.findByTestId('feedback-to-review');
    expect(turn.getAttribute('data-charge')).toBe(charge);
    fireEvent.click(turn);
    const dialog = await screen.findByTestId('review-dialog');
    const form = await within(dialog).findByTestId('review-form');
    expect(within(dialog).getByRole('heading').textContent).toBe('Review Chatty');
    // The call's charge, not the newest one, is the one linked.
    expect((within(form).getByTestId('review-charge-select') as HTMLSelectElement).value).toBe(charge);
    expect((within(form).getByTestId('review-task-select') as HTMLSelectElement).value).toBe('chat');
    expect((within(form).getByTestId('review-text-input') as HTMLTextAreaElement).value).toBe('Quick and right');
    fireEvent.click(within(form).getByTestId('review-rating-5'));
    await waitFor(() => expect(within(form).getByTestId('review-rating-words').textContent).toBe('Excellent'));
    fireEvent.click(within(form).getByTestId('review-submit'));
    await screen.findByTestId('review-published');
    expect(transport.callsOf('reviews.submit')).toEqual([{ modelId: item.id, rating: 5, text: 'Quick and right', task: 'chat', chargeId: charge }]);
  });

  it('says why there is no review when the answer came from your own model', async () => {
    await answered(makeCatalogItem({ producerKey: IDENTITY_KEY }), hashOf(77));
    expect(await screen.findByTestId('feedback-own-model')).toBeTruthy();
    expect(screen.queryByTestId('feedback-to-review')).toBeNull();
  });
});
