import { AppError } from '../../../src-shared/errors';
import type { Handlers } from '../dispatcher';
import { evalContextOf } from '../compose/evals';
import { reviewContextOf } from '../compose/reviews';
import type { Engine } from '../engine';
import { reportStandings, runEval, type ReportStanding } from '../evals';
import { replyToReview, retractReview, reviewSummary, reviewViews, sortReviews, submitFeedback, submitReview } from '../reviews';

type ReviewCommands = 'reviews.submit' | 'reviews.retract' | 'reviews.reply' | 'reviews.list' | 'reviews.summary' | 'reviews.mine' | 'feedback.submit' | 'evals.run' | 'evals.reports';

export function reviewHandlers(engine: Engine): Pick<Handlers, ReviewCommands> {
  const reviews = reviewContextOf(engine);
  const evals = evalContextOf(engine);
  const requireModel = (modelId: string) => {
    if (!engine.catalog.listing(modelId)) throw new AppError('NOT_FOUND', `No model with id ${modelId}`, { modelId });
  };
  const viewOf = (modelId: string, reviewer: string) => {
    const view = reviewViews(reviews, modelId).find((v) => v.reviewer === reviewer);
    if (!view) throw new AppError('INTERNAL', 'the review did not take effect');
    return view;
  };
  const standingsOf = (modelId: string) =>
    reportStandings(modelId, engine.reviews.reportsOf(modelId), evals, evals.clock());
  const reportView = ({ report: r, status, reason }: ReportStanding) => ({
    hash: r.hash,
    modelId: r.body.modelId,
    task: r.body.task,
    evaluator: r.evaluator,
    source: status === 'claimed' ? ('claimed' as const) : ('measured' as const),
    standing: status,
    standingReason: reason,
    suite: r.body.suite,
    cases: r.body.cases,
    passed: r.body.passed,
    accuracyBps: r.body.accuracyBps,
    latencyP50Ms: r.body.latencyP50Ms,
    ts: r.ts,
  });
  return {
    'reviews.submit': async ({ chargeId, ...input }) => {
      await submitReview(reviews, { ...input, ...(chargeId ? { chargeHash: chargeId } : {}) });
      return viewOf(input.modelId, engine.keys.identity.publicKey);
    },
    'reviews.retract': async ({ modelId }) => {
      await retractReview(reviews, modelId);
      return { retracted: true };
    },
    'reviews.reply': async ({ modelId, reviewer, text }) => {
      await replyToReview(reviews, modelId, reviewer, text);
      return viewOf(modelId, reviewer);
    },
    'reviews.list': async ({ modelId, sort, offset, limit }) => {
      requireModel(modelId);
      const all = sortReviews(reviewViews(reviews, modelId), sort ?? 'helpful');
      const from = offset ?? 0;
      return { total: all.length, items: all.slice(from, from + (limit ?? 50)) };
    },
    'reviews.summary': async ({ modelId, task }) => {
      requireModel(modelId);
      return reviewSummary(reviews, modelId, task ?? null);
    },
    'reviews.mine': async () => {
      const me = engine.keys.identity.publicKey;
      return engine.reviews
        .reviewsBy(me)
        .filter((r) => !r.body.retracted)
        .map((r) => viewOf(r.body.modelId, me))
        .sort((a, b) => b.ts - a.ts);
    },
    'feedback.submit': async ({ decisionId, up, note }) => submitFeedback(reviews, decisionId, up, note),
    'evals.run': async ({ modelId, task }) => {
      const run = await runEval(evals, modelId, task);
      const standing = standingsOf(modelId).find((s) => s.report.hash === run.hash);
      if (!standing) throw new AppError('INTERNAL', 'the metric report did not take effect');
      return { report: reportView(standing), results: run.results, cost: run.cost };
    },
    'evals.reports': async ({ modelId }) => standingsOf(modelId).map(reportView),
  };
}
