/** The reviews domain's public API: what handlers, other domains and the host use. */
export type { ReviewContext, ReviewViewContext } from './context';
export { Receipts } from './receipts';
export { replyToReview, retractReview, reviewsDocOf, submitFeedback, submitReview } from './review-commands';
export { ReviewState, type StoredReply, type StoredReport, type StoredReview } from './review-state';
export { isVerified, reviewSummary, reviewViews, sortReviews, type ReviewSort } from './review-views';
