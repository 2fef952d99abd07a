import type { CommandInput } from '../../../src-shared/contract';
import { MAX_REVIEW_TEXT, type ReviewView } from '../../../src-shared/reviews';
import { formatCount } from '../format/numbers';
import type { ReviewSeed } from '../state/ui-store';

export type ReviewField = 'rating' | 'text' | 'task' | 'chargeId';
export type ReviewProblems = Partial<Record<ReviewField, string>>;
export type ReviewInput = CommandInput<'reviews.submit'>;

/** The write-review form as typed: '' means "not chosen" for the task and the charge. */
export interface ReviewDraft {
  rating: number | null;
  text: string;
  task: string;
  chargeId: string;
}

/**
 * Where the form starts: what the opener knows (the charge of the call just made), else the
 * review you already wrote (submitting again edits it), else your newest charge for the model, so
 * a review is verified unless you choose otherwise.
 */
export function initialDraft(seed: ReviewSeed, existing: ReviewView | null, chargeIds: readonly string[], tasks: readonly string[]): ReviewDraft {
  const soleTask = tasks.length === 1 ? tasks[0]! : '';
  const knownCharge = (id: string | null | undefined) => (id && chargeIds.includes(id) ? id : '');
  return {
    rating: existing?.rating ?? null,
    text: seed.text ?? existing?.text ?? '',
    task: [seed.task, existing?.task].find((t): t is string => typeof t === 'string' && tasks.includes(t)) ?? soleTask,
    chargeId: knownCharge(seed.chargeId) || knownCharge(existing?.chargeHash) || (chargeIds[0] ?? ''),
  };
}

/** "123 / 4,000": the engine counts UTF-16 code units (string length), and so does this. */
export function textCounter(text: string): string {
  return `${formatCount(text.length)} / ${formatCount(MAX_REVIEW_TEXT)}`;
}

export function reviewProblems(draft: ReviewDraft): ReviewProblems {
  const problems: ReviewProblems = {};
  if (draft.rating === null) problems.rating = 'Pick 1 to 5 stars.';
  else if (!Number.isInteger(draft.rating) || draft.rating < 1 || draft.rating > 5) problems.rating = 'A rating is 1 to 5 whole stars.';
  if (draft.text.length > MAX_REVIEW_TEXT) {
    problems.text = `At most ${formatCount(MAX_REVIEW_TEXT)} characters: remove ${formatCount(draft.text.length - MAX_REVIEW_TEXT)}.`;
  }
  return problems;
}

/** The draft → the reviews.submit input, or the problems that keep it from being sent. */
export function buildReviewInput(modelId: string, draft: ReviewDraft): { input: ReviewInput | null; problems: ReviewProblems } {
  const problems = reviewProblems(draft);
  if (Object.keys(problems).length > 0 || draft.rating === null) return { input: null, problems };
  return {
    input: {
      modelId,
      rating: draft.rating,
      // Plain text as typed, without leading or trailing blank space; line breaks inside are kept.
      text: draft.text.trim(),
      ...(draft.task ? { task: draft.task } : {}),
      ...(draft.chargeId ? { chargeId: draft.chargeId } : {}),
    },
    problems,
  };
}

/** The engine's issue paths → this form's fields (anything else shows in the form's error list). */
export function reviewFieldOf(path: string): ReviewField | null {
  return path === 'rating' || path === 'text' || path === 'task' || path === 'chargeId' ? path : null;
}
