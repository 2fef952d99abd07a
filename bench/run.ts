/**
 * `npm run bench`: one JSON line per benchmark, {name, value, unit, baseline, baselineValue, ratio},
 * each figure measured against its baseline in the same process and run.
 */
import { benchCatalogList } from './catalog-list';
import { benchLedger } from './ledger';
import { benchPricingPosition } from './pricing-position';
import { benchRouting } from './routing';
import { benchSync } from './sync';

const only = process.env.BENCH;
const benches: Record<string, () => Promise<void>> = {
  'catalog-list': () => benchCatalogList(),
  'pricing-position': () => benchPricingPosition(),
  routing: () => benchRouting(),
  ledger: () => benchLedger(),
  sync: () => benchSync(),
  rewards: async () => (await import('./rewards')).benchRewards(),
  'task-classifier': async () => (await import('./task-classifier')).benchTaskClassifier(),
  'sync-frames': async () => (await import('./sync-frames')).benchSyncFrames(),
};

for (const [name, run] of Object.entries(benches)) {
  if (only && !only.split(',').includes(name)) continue;
  await run();
}
