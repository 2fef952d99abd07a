import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../src-shared/catalog';
import { modelIdOf } from '../../src-shared/domain';
import type { CallResult, RouteInput } from '../../src-shared/routing';
import { runEval, type EvalContext } from '../../src-main/engine/evals';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import type { SignedRecord } from '../../src-main/engine/records/signed';
import { reviewsDocOf } from '../../src-main/engine/reviews';

/**
 * An evaluation run with plain fakes of its port (evals/context.ts): no Engine or router is opened;
 * the fake call answers the legal set's cases, the second one wrongly.
 */
describe('an evaluation run through its port', () => {
  const NOW = 1_790_000_000_000;
  const me = generateSigningKey();
  const producer = generateSigningKey();
  const modelId = modelIdOf(producer.publicKey, 'contract-reader');
  const ANSWERS = ['Limitation of liability', 'A purchase order', 'Yes'];

  it('calls each case pinned to the model, grades it and publishes one signed report naming a charge per case', async () => {
    const calls: RouteInput[] = [];
    const published: Array<{ doc: string; records: SignedRecord[] }> = [];
    const context: EvalContext = {
      clock: () => NOW,
      keys: { identity: me },
      catalogIndex: { get: (id) => (id === modelId ? ({ id, name: 'Contract reader', tasks: ['legal'] } as CatalogItem) : undefined) },
      call: async (input) => {
        calls.push(input);
        const n = calls.length;
        return { content: ANSWERS[n - 1]!, chargeHash: String(n).repeat(64), latencyMs: 100 * n, cost: 7 } as CallResult;
      },
      reviews: { nextReportSeq: () => 2 },
      parties: { sameParty: (a, b) => a === b, actsFor: (key, identity) => key === identity },
      entry: () => undefined,
      publish: async (doc, records) => {
        published.push({ doc, records });
      },
    };
    const run = await runEval(context, modelId, 'legal');
    expect(calls.map((c) => c.constraints?.pinnedModel)).toEqual([modelId, modelId, modelId]);
    expect(run).toMatchObject({ source: 'measured', cost: 21, report: { modelId, task: 'legal', suite: 'legal-v1', cases: 3, passed: 2, accuracyBps: 6_667, latencyP50Ms: 200 } });
    expect(run.report.chargeHashes).toEqual(['1', '2', '3'].map((d) => d.repeat(64)));
    expect(published.map((p) => p.doc)).toEqual([reviewsDocOf(modelId)]);
    expect(published[0]!.records[0]!.payload).toMatchObject({ kind: 'metric-report', subject: `eval:${modelId}:legal`, seq: 2, ts: NOW, author: me.publicKey, body: run.report });
    expect(published[0]!.records[0]!.hash).toBe(run.hash);
  });
});
