import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../src-shared/contract';
import { buildReviewInput, initialDraft, textCounter } from '../../src-renderer/src/reviews/review-form';
import { withLayout } from './dom';
import { IDENTITY_KEY, makeCatalogItem } from './fixtures';
import { entriesPage, hashOf, userCharge } from './ledger-fixtures';
import { makeReview } from './review-fixtures';
import { openModelPage, userWindow } from './review-app';

withLayout();

type Submit = CommandInput<'reviews.submit'>;

async function openDialog() {
  const page = await openModelPage();
  fireEvent.click(await within(page).findByTestId('write-review'));
  return screen.findByTestId('review-form');
}

describe('review form logic', () => {
  it('starts from the charge it was given, else the existing review, else the newest charge', () => {
    const charges = [hashOf(1), hashOf(2)];
    expect(initialDraft({ modelId: 'm' }, null, charges, ['code'])).toEqual({ rating: null, text: '', task: 'code', chargeId: hashOf(1) });
    expect(initialDraft({ modelId: 'm', chargeId: hashOf(2), text: 'note', task: 'chat' }, null, charges, ['code', 'chat'])).toMatchObject({ chargeId: hashOf(2), text: 'note', task: 'chat' });
    const existing = makeReview('m', { rating: 2, text: 'old', task: 'chat', chargeHash: hashOf(2) });
    expect(initialDraft({ modelId: 'm' }, existing, charges, ['code', 'chat'])).toEqual({ rating: 2, text: 'old', task: 'chat', chargeId: hashOf(2) });
    // A charge that is not among yours for this model is never preselected.
    expect(initialDraft({ modelId: 'm', chargeId: hashOf(9) }, null, [], ['code', 'chat']).chargeId).toBe('');
  });

  it('refuses a missing rating and text over 4,000 characters, and counts like the engine', () => {
    expect(buildReviewInput('m', { rating: null, text: 'x', task: '', chargeId: '' }).problems.rating).toMatch(/1 to 5/);
    const long = buildReviewInput('m', { rating: 3, text: 'y'.repeat(4_003), task: '', chargeId: '' });
    expect(long.input).toBeNull();
    expect(long.problems.text).toBe('At most 4,000 characters: remove 3.');
    expect(textCounter('y'.repeat(4_003))).toBe('4,003 / 4,000');
    expect(buildReviewInput('m', { rating: 5, text: '  Good\nfast  ', task: 'code', chargeId: hashOf(3) }).input).toEqual({ modelId: 'm', rating: 5, text: 'Good\nfast', task: 'code', chargeId: hashOf(3) });
  });
});

describe('write-review dialog', () => {
  it('publishes rating, text, task and the linked charge, then says it is verified', async () => {
    const item = makeCatalogItem({ tasks: ['code', 'chat'] });
    const charges = [userCharge(2, 1_700_000_200_000, 2_000), userCharge(1, 1_700_000_100_000, 1_000)];
    const transport = userWindow(item, {
      'ledger.entries': () => entriesPage(charges),
      'reviews.submit': (input: Submit) => makeReview(input.modelId, { rating: input.rating, text: input.text, verified: true, chargeHash: input.chargeId ?? null, mine: true }),
    });
    const form = await openDialog();
    expect(transport.callsOf('ledger.entries')).toContainEqual({ account: `user:${IDENTITY_KEY}`, kind: 'charge', modelId: item.id, limit: 50 });
    // The newest charge is linked unless you choose otherwise.
    const charge = within(form).getByTestId('review-charge-select') as HTMLSelectElement;
    expect(charge.value).toBe(charges[0]!.hash);
    expect([...charge.options].map((o) => o.value)).toEqual(['', charges[0]!.hash, charges[1]!.hash]);
    expect(charge.options[1]!.textContent).toContain('0.002 cr');

    fireEvent.click(within(form).getByTestId('review-rating-4'));
    fireEvent.change(within(form).getByTestId('review-text-input'), { target: { value: 'Fast and right.\nWould use again.' } });
    fireEvent.change(within(form).getByTestId('review-task-select'), { target: { value: 'chat' } });
    fireEvent.change(charge, { target: { value: charges[1]!.hash } });
    // The counter follows the form's state: once it shows the text, every change above was rendered.
    await waitFor(() => expect(within(form).getByTestId('review-text-counter').textContent).toBe('32 / 4,000'));
    fireEvent.click(within(form).getByTestId('review-submit'));

    const done = await screen.findByTestId('review-published');
    expect(done.getAttribute('data-verified')).toBe('true');
    expect(transport.callsOf('reviews.submit')).toEqual([{ modelId: item.id, rating: 4, text: 'Fast and right.\nWould use again.', task: 'chat', chargeId: charges[1]!.hash }]);
    fireEvent.click(screen.getByTestId('review-done'));
    expect(screen.queryByTestId('review-dialog')).toBeNull();
  });

  it('shows each problem on its field and sends nothing', async () => {
    const transport = userWindow(makeCatalogItem());
    const form = await openDialog();
    fireEvent.change(within(form).getByTestId('review-text-input'), { target: { value: 'z'.repeat(4_001) } });
    // The counter and the text problem show while typing, before any attempt.
    await waitFor(() => expect(within(form).getByTestId('review-text-counter').className).toContain('over'));
    expect(within(form).getByTestId('review-text-error').textContent).toBe('At most 4,000 characters: remove 1.');
    expect(within(form).queryByTestId('review-rating-error')).toBeNull();
    fireEvent.click(within(form).getByTestId('review-submit'));
    expect((await within(form).findByTestId('review-rating-error')).textContent).toBe('Pick 1 to 5 stars.');
    expect(transport.callsOf('reviews.submit')).toEqual([]);
    // With no charge of yours the review can only be unverified, and the form says so.
    expect(within(form).getByTestId('review-charge-select').textContent).toBe('Not linked (unverified)');
  });

  it("puts the engine's refusal on the field it names", async () => {
    userWindow(makeCatalogItem(), {
      'ledger.entries': () => entriesPage([userCharge(1, 1_700_000_100_000, 1_000)]),
      'reviews.submit': () => {
        throw { code: 'INVALID_INPUT', message: 'Invalid input at chargeId: this charge is for another model', details: { issues: [{ path: 'chargeId', message: 'this charge is for another model' }] } };
      },
    });
    const form = await openDialog();
    fireEvent.click(within(form).getByTestId('review-rating-3'));
    await waitFor(() => expect(within(form).getByTestId('review-rating-words').textContent).toBe('Good'));
    fireEvent.click(within(form).getByTestId('review-submit'));
    expect((await within(form).findByTestId('review-charge-error')).textContent).toBe('this charge is for another model');
    expect(within(form).getByTestId('review-error').textContent).toContain('INVALID_INPUT');
  });

  it('shows FORBIDDEN as the engine says it (a producer reviewing its own model)', async () => {
    userWindow(makeCatalogItem(), {
      'reviews.submit': () => {
        throw { code: 'FORBIDDEN', message: 'A producer cannot review its own models' };
      },
    });
    const form = await openDialog();
    fireEvent.click(within(form).getByTestId('review-rating-5'));
    await waitFor(() => expect(within(form).getByTestId('review-rating-words').textContent).toBe('Excellent'));
    fireEvent.click(within(form).getByTestId('review-submit'));
    const error = await within(form).findByTestId('review-error');
    expect(error.textContent).toContain('A producer cannot review its own models');
    expect(within(error).getByTestId('error-code').textContent).toBe('FORBIDDEN');
  });

  it('offers no review button on your own model', async () => {
    const own = makeCatalogItem({ producerKey: IDENTITY_KEY });
    userWindow(own);
    const page = await openModelPage();
    expect(await within(page).findByTestId('review-own-model')).toBeTruthy();
    expect(within(page).queryByTestId('write-review')).toBeNull();
  });

  it('edits your existing review: the button says so and the form starts from it', async () => {
    const item = makeCatalogItem();
    userWindow(item, { 'reviews.mine': () => [makeReview(item.id, { rating: 2, text: 'Meh', mine: true })] });
    const page = await openModelPage();
    const button = await within(page).findByTestId('write-review');
    await waitFor(() => expect(button.textContent).toBe('Edit your review'));
    fireEvent.click(button);
    const form = await screen.findByTestId('review-form');
    expect((within(form).getByTestId('review-text-input') as HTMLTextAreaElement).value).toBe('Meh');
    expect((within(form).getByTestId('review-rating-2') as HTMLInputElement).checked).toBe(true);
    expect(within(form).getByTestId('review-submit').textContent).toBe('Save changes');
    // Escape closes the dialog without saving.
    act(() => {
      fireEvent.keyDown(document, { key: 'Escape' });
    });
    expect(screen.queryByTestId('review-dialog')).toBeNull();
  });
});
