import { createHash } from 'node:crypto';
import { KNOWN_TASKS, type ListingBody } from '../../../src-shared/domain';
import type { SignedRecord } from '../records/signed';
import { keyFromSeed, producerRecords, seededRandom } from './producer-kit';

export const MODELS_PER_PRODUCER = 100;

/**
 * N deterministic models for benchmarks: the same N and seed give byte-identical signed records,
 * grouped by producer (100 models each), as the sync benchmark's 100 × 100 layout expects.
 */
export function* syntheticProducers(count: number, seed: number): Generator<{ producerKey: string; records: SignedRecord[] }> {
  const random = seededRandom(seed);
  const producers = Math.ceil(count / MODELS_PER_PRODUCER);
  const words = ['swift', 'deep', 'lumen', 'atlas', 'nova', 'quill', 'ember', 'cobalt', 'sage', 'orbit', 'prism', 'delta'];
  for (let p = 0; p < producers; p++) {
    const key = keyFromSeed(createHash('sha256').update(`synthetic:${seed}:${p}`).digest());
    const n = Math.min(MODELS_PER_PRODUCER, count - p * MODELS_PER_PRODUCER);
    const models = Array.from({ length: n }, (_, i) => {
      const task = KNOWN_TASKS[Math.floor(random() * KNOWN_TASKS.length)]!;
      const second = KNOWN_TASKS[Math.floor(random() * KNOWN_TASKS.length)]!;
      const word = words[Math.floor(random() * words.length)]!;
      const input = Math.round(random() * 15_000) * 1_000;
      const listing: ListingBody = {
        slug: `m${i}-${word}`,
        name: `${word[0]!.toUpperCase()}${word.slice(1)} ${task} ${p}.${i}`,
        description: `Synthetic ${task} model ${i} of producer ${p}`,
        tasks: task === second ? [task] : [task, second],
        industries: [['general', 'finance', 'healthcare', 'legal'][i % 4]!],
        modality: 'text',
        contextWindow: 8_192 * (1 + (i % 16)),
        endpoint: { baseUrl: 'http://127.0.0.1:5318/v1', model: `m${i}` },
        version: '1.0.0',
        claimed: {
          accuracyBps: { [task]: 5_000 + Math.floor(random() * 5_000), [second]: 4_000 + Math.floor(random() * 5_000) },
          latencyP50Ms: 100 + Math.floor(random() * 2_000),
          latencyP95Ms: 300 + Math.floor(random() * 5_000),
          successRateBps: 9_000 + Math.floor(random() * 1_000),
          throughputTps: 10 + Math.floor(random() * 200),
        },
        retired: false,
      };
      return { listing, prices: [{ price: { inputPer1M: input, outputPer1M: input * 3, perRequest: 0 }, effectiveFrom: 1_700_000_000_000 }] };
    });
    const profile = { name: `Synthetic Producer ${p}`, description: 'Benchmark data', contact: '', website: '' };
    yield { producerKey: key.publicKey, records: producerRecords(key, profile, models, 1_700_000_000_000) };
  }
}
