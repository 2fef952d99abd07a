import { describe, expect, it } from 'vitest';
import type { ObservationBody } from '../../src-shared/domain';
import { DEFAULT_OUTPUT_TOKENS, MIN_LEARNED_OUTPUT } from '../../src-shared/routing';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { ObservationStats } from '../../src-main/engine/routing/observations';
import {
  MAX_LEARNED_OUTPUT,
  MAX_OUTPUT_TASKS,
  OUTPUT_WINDOW,
  learnedOutputTokens,
  outputEstimateOf,
  recordOutputLength,
  type OutputLengthsByTask,
} from '../../src-main/engine/routing/output-lengths';
import { draftOf, signRecord } from '../../src-main/engine/records/signed';

const device = generateSigningKey();
const identity = generateSigningKey().publicKey;
const MODEL_A = `${'A'.repeat(43)}:writer`;
const MODEL_B = `${'B'.repeat(43)}:terse`;

function observations(): { stats: ObservationStats; observe: (body: Partial<ObservationBody>) => void } {
  const stats = new ObservationStats();
  let seq = 1;
  const observe = (over: Partial<ObservationBody>) => {
    const body: ObservationBody = { modelId: MODEL_A, task: 'code', decisionId: `d${seq}`, identity, ok: true, latencyMs: 100, inputTokens: 10, outputTokens: 100, usageEstimated: false, ...over };
    stats.apply(signRecord(device, draftOf('observation', `observations:${device.publicKey}`, seq++, body, 1_750_000_000_000)));
  };
  return { stats, observe };
}

describe('learned output lengths', () => {
  it('stays the default until MIN_LEARNED_OUTPUT successful calls, then is their median', () => {
    const byTask: OutputLengthsByTask = new Map();
    for (let i = 1; i < MIN_LEARNED_OUTPUT; i++) recordOutputLength(byTask, 'code', 200);
    expect(learnedOutputTokens(byTask, 'code')).toBeNull();
    expect(outputEstimateOf(byTask, 'code', null)).toEqual({ outputTokens: DEFAULT_OUTPUT_TOKENS, source: 'default', calls: MIN_LEARNED_OUTPUT - 1 });
    recordOutputLength(byTask, 'code', 90_000);
    // One huge answer among five does not move the median.
    expect(outputEstimateOf(byTask, 'code', null)).toEqual({ outputTokens: 200, source: 'learned', calls: MIN_LEARNED_OUTPUT });
    expect(outputEstimateOf(byTask, 'code', 64)).toEqual({ outputTokens: 64, source: 'caller', calls: MIN_LEARNED_OUTPUT });
  });

  it('keeps at most OUTPUT_WINDOW lengths, follows the recent ones, and gives integers within bounds', () => {
    const byTask: OutputLengthsByTask = new Map();
    for (let i = 0; i < 10 * OUTPUT_WINDOW; i++) recordOutputLength(byTask, 'code', 1_000);
    for (let i = 0; i < OUTPUT_WINDOW; i++) recordOutputLength(byTask, 'code', 37.6);
    const lengths = byTask.get('code')!;
    expect(lengths.recent).toHaveLength(OUTPUT_WINDOW);
    expect(lengths.calls).toBe(11 * OUTPUT_WINDOW);
    expect(learnedOutputTokens(byTask, 'code')).toBe(37);
    for (let i = 0; i < OUTPUT_WINDOW; i++) recordOutputLength(byTask, 'code', Number.MAX_SAFE_INTEGER);
    expect(learnedOutputTokens(byTask, 'code')).toBe(MAX_LEARNED_OUTPUT);
    for (let i = 0; i < OUTPUT_WINDOW; i++) recordOutputLength(byTask, 'code', 0);
    expect(learnedOutputTokens(byTask, 'code')).toBe(1);
  });

  it('keeps lengths for at most MAX_OUTPUT_TASKS tasks of a model', () => {
    const byTask: OutputLengthsByTask = new Map();
    for (let i = 0; i < MAX_OUTPUT_TASKS + 10; i++) for (let k = 0; k < MIN_LEARNED_OUTPUT; k++) recordOutputLength(byTask, `task-${i}`, 50);
    expect(byTask.size).toBe(MAX_OUTPUT_TASKS);
    expect(learnedOutputTokens(byTask, 'task-0')).toBe(50);
    expect(learnedOutputTokens(byTask, `task-${MAX_OUTPUT_TASKS}`)).toBeNull();
  });

  it('are learned per model and per task from signed observations, successful calls only', () => {
    const { stats, observe } = observations();
    for (let i = 0; i < MIN_LEARNED_OUTPUT; i++) {
      observe({ modelId: MODEL_A, outputTokens: 400 + i });
      observe({ modelId: MODEL_B, outputTokens: 20 });
      observe({ modelId: MODEL_A, task: 'chat', outputTokens: 60 });
      observe({ modelId: MODEL_A, ok: false, failure: 'timeout', outputTokens: 0 });
    }
    expect(learnedOutputTokens(stats.get(MODEL_A)!.outputByTask, 'code')).toBe(402);
    expect(learnedOutputTokens(stats.get(MODEL_A)!.outputByTask, 'chat')).toBe(60);
    expect(learnedOutputTokens(stats.get(MODEL_B)!.outputByTask, 'code')).toBe(20);
    expect(outputEstimateOf(stats.get(MODEL_B)!.outputByTask, 'chat', null).source).toBe('default');
  });
});
