import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src-main/engine/engine';
import { callChatCompletion } from '../src-main/engine/providers/openai-client';
import { startSimulator } from '../src-main/engine/providers/simulator';
import { syntheticItems } from './catalog-list';
import { percentile, report, timeRuns } from './harness';

const MESSAGES = [{ role: 'user' as const, content: 'Classify this support ticket: my invoice is wrong' }];

/** route.plan over 10k models, against the constraint scan alone (filter the task's models by price). */
async function benchDecision(engine: Engine, size: number, runs: number): Promise<void> {
  engine.catalogIndex.upsert(syntheticItems(size));
  const tasks = ['code', 'legal', 'medical', 'finance', 'translation', 'support', 'summarisation', 'extraction'];
  await engine.dispatch('route.plan', { task: 'code', messages: MESSAGES }); // builds the per-task lists once
  const times = await timeRuns(runs, async (i) => {
    const answer = await engine.dispatch('route.plan', { task: tasks[i % tasks.length]!, messages: MESSAGES, constraints: { minAccuracyBps: 5_500 } });
    if (!answer.ok) throw new Error(answer.error.message);
  });
  const baseline = await timeRuns(runs, (i) => engine.catalogIndex.byTask(tasks[i % tasks.length]!).filter((m) => m.price !== null && m.bestAccuracyBps >= 5_500).length);
  for (const p of [50, 99]) {
    report({ name: `route.plan decision over ${size} models p${p}`, value: percentile(times, p), unit: 'ms', baseline: `filter the task's models by one constraint p${p}`, baselineValue: percentile(baseline, p) });
  }
}

/** A routed call (decision, HTTP call, durable signed charge and observation) minus a direct call to the same endpoint. */
async function benchOverhead(runs: number): Promise<void> {
  const sim = await startSimulator({ port: 0, latencyMs: 0 });
  const dataDir = await mkdtemp(join(tmpdir(), 'ir-bench-route-'));
  const engine = await Engine.open({ dataDir });
  try {
    await engine.dispatch('marketplace.create', { name: 'bench' });
    await engine.dispatch('ledger.deposit', { amount: 1_000_000_000 });
    await engine.dispatch('routing.setSettings', { explorationBps: 0 });
    const listing = {
      slug: 'bench-model', name: 'Bench model', description: '', tasks: ['support'], industries: [], modality: 'text', contextWindow: 8_192,
      endpoint: { baseUrl: sim.url, model: 'bench-model' }, version: '1',
      claimed: { accuracyBps: { support: 8_000 }, latencyP50Ms: 10, latencyP95Ms: 20, successRateBps: 9_900, throughputTps: 100 },
      price: { inputPer1M: 1_000_000, outputPer1M: 1_000_000, perRequest: 0 },
    };
    const published = await engine.dispatch('models.publish', listing);
    if (!published.ok) throw new Error(published.error.message);
    const direct = () => callChatCompletion({ baseUrl: sim.url, model: 'bench-model', messages: MESSAGES, maxTokens: 64, stream: false, timeoutMs: 5_000 });
    const routed = async () => {
      const answer = await engine.dispatch('route.call', { task: 'support', messages: MESSAGES, expectedOutputTokens: 64 });
      if (!answer.ok) throw new Error(answer.error.message);
    };
    for (let i = 0; i < 10; i++) {
      await direct();
      await routed();
    }
    // Interleaved, so machine noise hits both series alike. Between the two, the engine finishes
    // what it does after answering (records in memory, then in their documents, which it would
    // otherwise do within 100 ms, in whichever call came next), so neither series is timed with it;
    // the throughput figures below count that work too.
    const settle = async () => {
      await engine.publisher.idle();
      engine.docs.stageWaiting();
      await new Promise((r) => setTimeout(r, 3));
    };
    const directTimes: number[] = [];
    const routedTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      await settle();
      directTimes.push(...(await timeRuns(1, direct)));
      await settle();
      routedTimes.push(...(await timeRuns(1, routed)));
    }
    for (const p of [50, 99]) {
      const d = percentile(directTimes, p);
      const r = percentile(routedTimes, p);
      report({ name: `routing overhead (routed call − direct call) p${p}`, value: r - d, unit: 'ms', baseline: `direct HTTP call to the same loopback endpoint p${p}`, baselineValue: d });
    }
    const perSecond = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      for (let i = 0; i < runs; i++) await work();
      return Math.round((runs * 1000) / (performance.now() - started));
    };
    const directRate = await perSecond(direct);
    const routedRate = await perSecond(routed);
    report({ name: 'routed calls per second, back to back (all work included)', value: routedRate, unit: 'calls/s', baseline: 'direct calls per second to the same endpoint', baselineValue: directRate });
    const journal = engine.journal.stats;
    report({ name: 'journal frames per durable write during the runs (group commit)', value: Math.round((journal.frames / Math.max(1, journal.writes)) * 100) / 100, unit: 'frames/write', baseline: 'one write per frame', baselineValue: 1 });
  } finally {
    await engine.close();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchRouting(size = 10_000): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ir-bench-route-'));
  const engine = await Engine.open({ dataDir });
  try {
    await benchDecision(engine, size, 200);
  } finally {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  await benchOverhead(150);
}
