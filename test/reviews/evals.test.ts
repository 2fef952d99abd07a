import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { grade } from '../../src-main/engine/evals/suites';
import { producerAndUser, type TwoSided } from './helpers';

/** A fixture model at the network edge: right on two of the three support cases, wrong on the third. */
function fixtureModel(): Promise<{ server: Server; url: string }> {
  const answers: Array<[RegExp, string]> = [
    [/charged twice/, 'billing'],
    [/app crashes/, 'billing'],
    [/cannot log in/, 'Reset the password first.'],
  ];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const prompt = (JSON.parse(body) as { messages: Array<{ content: string }> }).messages.map((m) => m.content).join('\n');
      const content = answers.find(([re]) => re.test(prompt))?.[1] ?? 'no idea';
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }], usage: { prompt_tokens: 30, completion_tokens: 3 } }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` })));
}

describe('evaluations through the real call path', () => {
  let fixture: Awaited<ReturnType<typeof fixtureModel>>;
  let m: TwoSided;
  beforeAll(async () => {
    fixture = await fixtureModel();
  });
  afterAll(() => fixture.server.close());
  afterEach(async () => m?.close());

  it('grades exact, regex and JSON answers', () => {
    expect(grade(' Billing. ', { type: 'exact', answer: 'billing' })).toBe(true);
    expect(grade('billing issue', { type: 'exact', answer: 'billing' })).toBe(false);
    expect(grade('See the Limitation of Liability clause', { type: 'regex', pattern: 'limitation of liability' })).toBe(true);
    expect(grade('Here: {"name": "Maria Lopez", "age": 34}', { type: 'json', fields: { name: 'Maria Lopez', age: 34 } })).toBe(true);
    expect(grade('{"name": "Maria Lopez", "age": "34"}', { type: 'json', fields: { name: 'Maria Lopez', age: 34 } })).toBe(false);
  });

  it('a user-run evaluation is measured, charged like calls, and shown as the model accuracy', async () => {
    m = await producerAndUser(fixture.url);
    const before = (await m.user.call('ledger.balance', {})).balance;
    const run = await m.user.call('evals.run', { modelId: m.modelId, task: 'support' });
    expect(run.report).toMatchObject({ source: 'measured', cases: 3, passed: 2, accuracyBps: 6_667 });
    expect(run.results.map((r) => r.passed)).toEqual([true, false, true]);
    expect(run.cost).toBeGreaterThan(0);
    expect((await m.user.call('ledger.balance', {})).balance).toBe(before - run.cost);
    expect((await m.user.call('ledger.entries', { kind: 'charge' })).total).toBe(3);
    const item = await m.user.call('catalog.get', { id: m.modelId });
    expect(item.metrics.accuracyBps.support).toEqual({ value: 6_667, source: 'measured' });
    expect(item.metrics.accuracyBps.extraction!.source).toBe('claimed');
  });

  it("the producer's own evaluation is claimed and does not replace the accuracy shown", async () => {
    m = await producerAndUser(fixture.url);
    await m.producer.call('ledger.deposit', { amount: 10_000_000 });
    const run = await m.producer.call('evals.run', { modelId: m.modelId, task: 'support' });
    expect(run.report.source).toBe('claimed');
    expect((await m.producer.call('catalog.get', { id: m.modelId })).metrics.accuracyBps.support).toEqual({ value: 8_000, source: 'claimed' });
    expect((await m.producer.call('evals.reports', { modelId: m.modelId }))[0]!.source).toBe('claimed');
  });

  it('refuses tasks without an evaluation set or not listed by the model', async () => {
    m = await producerAndUser(fixture.url);
    expect((await m.user.fail('evals.run', { modelId: m.modelId, task: 'legal' })).code).toBe('INVALID_INPUT');
    expect((await m.user.fail('evals.run', { modelId: m.modelId, task: 'astrology' })).code).toBe('INVALID_INPUT');
  });
});
