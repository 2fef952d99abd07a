import { producerOf } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { MetricReportBody } from '../../../src-shared/reviews';
import { draftOf, signRecord } from '../records/signed';
import { nearestRank } from '../routing/estimates';
import { reviewsDocOf } from '../reviews/review-commands';
import type { EvalContext } from './context';
import { grade, SUITES } from './suites';

export interface EvalRun {
  report: MetricReportBody;
  hash: string;
  source: 'measured' | 'claimed';
  results: Array<{ prompt: string; answer: string | null; passed: boolean; error: string | null; cost: number }>;
  cost: number;
}

/**
 * Runs the task's labelled prompt set through the real call path, pinned to one model (each case
 * charged like any call), grades the answers and publishes a signed metric report naming one charge
 * per case. A case whose call failed was not charged, so the report covers the answered cases only
 * (peers count a report only with a charge per case; failures show in the model's success rate).
 * Run by anyone outside the producer's party it is "measured"; by the producer's party, "claimed".
 */
export async function runEval(context: EvalContext, modelId: string, task: string): Promise<EvalRun> {
  const suite = SUITES.get(task);
  if (!suite) throw new AppError('INVALID_INPUT', `No evaluation set for task "${task}"; sets exist for ${[...SUITES.keys()].join(', ')}`, { issues: [{ path: 'task', message: 'no evaluation set' }] });
  const item = context.catalogIndex.get(modelId);
  if (!item) throw new AppError('NOT_FOUND', `No model with id ${modelId}`, { modelId });
  if (!item.tasks.includes(task)) throw new AppError('INVALID_INPUT', `${item.name} does not list the task "${task}"`, { issues: [{ path: 'task', message: 'not a task of this model' }] });
  const results: EvalRun['results'] = [];
  const chargeHashes: string[] = [];
  const latencies: number[] = [];
  for (const c of suite.cases) {
    try {
      const out = await context.call({
        task,
        messages: [
          { role: 'system', content: suite.system },
          { role: 'user', content: c.prompt },
        ],
        constraints: { pinnedModel: modelId },
        expectedOutputTokens: 128,
      });
      chargeHashes.push(out.chargeHash);
      latencies.push(out.latencyMs);
      results.push({ prompt: c.prompt, answer: out.content, passed: grade(out.content, c.grade), error: null, cost: out.cost });
    } catch (error) {
      // NO_ROUTE (funds, budget, cooldown) stops the run: nothing about the model was learned.
      if (error instanceof AppError && error.code !== 'PROVIDER_FAILED') throw error;
      results.push({ prompt: c.prompt, answer: null, passed: false, error: (error as Error).message, cost: 0 });
    }
  }
  const answered = results.filter((r) => r.error === null);
  if (answered.length === 0) throw new AppError('PROVIDER_FAILED', `No case of the ${task} set was answered: nothing was charged and no report was published`, { modelId });
  const passed = answered.filter((r) => r.passed).length;
  const report: MetricReportBody = {
    modelId,
    task,
    suite: suite.id,
    cases: answered.length,
    passed,
    accuracyBps: Math.round((passed * 10_000) / answered.length),
    chargeHashes,
    latencyP50Ms: nearestRank(latencies, 0.5),
  };
  const me = context.keys.identity.publicKey;
  const record = signRecord(context.keys.identity, draftOf('metric-report', `eval:${modelId}:${task}`, context.reviews.nextReportSeq(modelId, task, me), report, context.clock()));
  await context.publish(reviewsDocOf(modelId), [record]);
  const source = context.parties.sameParty(me, producerOf(modelId)) ? 'claimed' : 'measured';
  return { report, hash: record.hash, source, results, cost: results.reduce((s, r) => s + r.cost, 0) };
}
