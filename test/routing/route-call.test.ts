import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src-main/engine/providers/simulator';
import { LISTING, openTestEngine, type TestEngine } from '../catalog/helpers';

const ASK = { task: 'code', messages: [{ role: 'user' as const, content: 'Write a function that adds two numbers' }], expectedOutputTokens: 100 };

describe('route.call against a real OpenAI-compatible endpoint', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  let t: TestEngine;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, latencyMs: 5 });
  });
  afterAll(async () => sim.close());
  afterEach(async () => t?.close());

  /** A funded marketplace whose local identity also produces three code models on the simulator. */
  async function market(models: Array<{ slug: string; endpointModel?: string; input: number; accuracy: number }>) {
    t = await openTestEngine();
    await t.call('marketplace.create', { name: 'Routing market' });
    await t.call('ledger.deposit', { amount: 10_000_000 });
    await t.call('routing.setSettings', { explorationBps: 0 });
    const ids: Record<string, string> = {};
    for (const m of models) {
      const item = await t.call('models.publish', {
        ...LISTING,
        slug: m.slug,
        name: m.slug,
        tasks: ['code'],
        endpoint: { baseUrl: sim.url, model: m.endpointModel ?? m.slug },
        claimed: { ...LISTING.claimed, accuracyBps: { code: m.accuracy } },
        price: { inputPer1M: m.input, outputPer1M: m.input, perRequest: 0 },
      });
      ids[m.slug] = item.id;
    }
    return ids;
  }

  const charges = async () => (await t.call('ledger.entries', { kind: 'charge' })).items;

  it('calls the chosen model, charges once at the listed price, and records an observation', async () => {
    const ids = await market([
      { slug: 'good', input: 1_000_000, accuracy: 8_500 },
      { slug: 'pricey', input: 50_000_000, accuracy: 8_600 },
    ]);
    const before = (await t.call('ledger.balance', {})).balance;
    const out = await t.call('route.call', ASK);
    expect(out.modelId).toBe(ids.good);
    expect(out.simulated).toBe(true);
    expect(out.content).toContain('adds two numbers');
    expect(out.usage.estimated).toBe(false);
    // cost = ceil(in × 1,000,000 / 1e6) + ceil(out × 1,000,000 / 1e6) = in + out
    expect(out.cost).toBe(out.usage.inputTokens + out.usage.outputTokens);
    expect((await t.call('ledger.balance', {})).balance).toBe(before - out.cost);
    const [charge] = await charges();
    expect(charge).toMatchObject({ hash: out.chargeHash, memo: { modelId: ids.good, decisionId: out.decisionId, cost: out.cost } });
    expect(t.engine.observations.get(ids.good!)!.calls).toBe(1);
    expect((await t.call('route.decisions', {})).items[0]).toMatchObject({ decisionId: out.decisionId, answeredBy: ids.good, ok: true });
  });

  it('with the cheapest model failing it falls back, succeeds, and holds exactly one charge for the model that answered', async () => {
    const ids = await market([
      { slug: 'cheap', endpointModel: 'cheap-fail', input: 500_000, accuracy: 8_400 },
      { slug: 'backup', input: 2_000_000, accuracy: 8_500 },
    ]);
    const out = await t.call('route.call', { ...ASK, strategy: 'cheapest' });
    expect(out.plan.chosen.modelId).toBe(ids.cheap);
    expect(out.modelId).toBe(ids.backup);
    expect(out.attempts.map((a) => [a.modelId, a.outcome])).toEqual([
      [ids.cheap, 'http-error'],
      [ids.cheap, 'http-error'],
      [ids.backup, 'ok'],
    ]);
    const all = await charges();
    expect(all).toHaveLength(1);
    expect(all[0]!.memo!.modelId).toBe(ids.backup);
    // Every attempt, failed or not, left an observation.
    expect(t.engine.observations.get(ids.cheap!)!.calls).toBe(2);
    expect(t.engine.observations.get(ids.cheap!)!.successes).toBe(0);
  });

  it('a budget below the cheapest candidate refuses the call before any request is sent', async () => {
    const ids = await market([{ slug: 'only', input: 1_000_000, accuracy: 8_000 }]);
    await t.call('routing.setSettings', { budgets: { dailyMicro: 10, monthlyMicro: null } });
    const error = await t.fail('route.call', ASK);
    expect(error.code).toBe('NO_ROUTE');
    expect((error.details as { constraint: string }).constraint).toBe('budget');
    expect(await charges()).toHaveLength(0);
    // No request went out: no observation exists for the model.
    expect(t.engine.observations.get(ids.only!)).toBeUndefined();
  });

  it('a failed call charges nothing and says PROVIDER_FAILED', async () => {
    await market([{ slug: 'down', endpointModel: 'down-fail', input: 1_000_000, accuracy: 8_000 }]);
    const error = await t.fail('route.call', ASK);
    expect(error.code).toBe('PROVIDER_FAILED');
    expect(await charges()).toHaveLength(0);
  });

  it('streams deltas as events; usage absent is estimated and marked so', async () => {
    await market([{ slug: 'quiet', endpointModel: 'quiet-nousage', input: 1_000_000, accuracy: 8_000 }]);
    const deltas: string[] = [];
    t.engine.on((m) => {
      if (m.event === 'route.delta') deltas.push((m.payload as { text: string }).text);
    });
    const out = await t.call('route.call', { ...ASK, stream: true });
    expect(deltas.join('')).toBe(out.content);
    expect(out.usage.estimated).toBe(true);
    expect((await charges())[0]!.memo!.usageEstimated).toBe(true);
  });

  it('a pinned model is used even when another is better value; INSUFFICIENT funds exclude by balance', async () => {
    const ids = await market([
      { slug: 'value', input: 1_000_000, accuracy: 9_000 },
      { slug: 'pinned', input: 3_000_000, accuracy: 8_000 },
    ]);
    const out = await t.call('route.call', { ...ASK, constraints: { pinnedModel: ids.pinned } });
    expect(out.modelId).toBe(ids.pinned);
    const plan = await t.call('route.plan', { ...ASK, explainAll: true, constraints: { pinnedModel: ids.pinned } });
    expect(plan.excluded).toEqual({ pinnedModel: 1 });
    expect(plan.excludedModels).toEqual([{ modelId: ids.value, constraint: 'pinnedModel' }]);
  });

  it('after five calls the catalog shows latency and success as measured', async () => {
    const ids = await market([{ slug: 'busy', input: 1_000_000, accuracy: 8_000 }]);
    for (let i = 0; i < 5; i++) await t.call('route.call', ASK);
    const item = await t.call('catalog.get', { id: ids.busy! });
    expect(item.metrics.latencyP95Ms.source).toBe('measured');
    expect(item.metrics.successRateBps).toEqual({ value: 10_000, source: 'measured' });
  });
});
