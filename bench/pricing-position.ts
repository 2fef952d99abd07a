import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src-main/engine/engine';
import { syntheticItems } from './catalog-list';
import { percentile, report, timeRuns } from './harness';

/** pricing.position over 10k models, against sorting the task's costs (what quartiles alone need). */
export async function benchPricingPosition(size = 10_000, runs = 60): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ir-bench-'));
  const engine = await Engine.open({ dataDir });
  try {
    const items = syntheticItems(size);
    engine.catalogIndex.upsert(items);
    const targets = items.filter((_, i) => i % 97 === 0);
    const candidate = { inputPer1M: 1_000_000, outputPer1M: 3_000_000, perRequest: 0 };
    const times = await timeRuns(runs, async (i) => {
      const item = targets[i % targets.length]!;
      const answer = await engine.dispatch('pricing.position', { modelId: item.id, task: item.tasks[0]!, candidate });
      if (!answer.ok) throw new Error(answer.error.message);
    });
    const baseline = await timeRuns(runs, (i) => {
      const task = targets[i % targets.length]!.tasks[0]!;
      const costs: number[] = [];
      for (const it of items) if (it.tasks.includes(task) && it.referenceCost !== null) costs.push(it.referenceCost);
      return costs.sort((a, b) => a - b).length;
    });
    for (const p of [50, 99]) {
      report({ name: `pricing.position ${size} models p${p}`, value: percentile(times, p), unit: 'ms', baseline: `collect + sort the task's ${size}-model costs p${p}`, baselineValue: percentile(baseline, p) });
    }
  } finally {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
