import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cooldowns } from '../../src-main/engine/providers/cooldown';
import { callChatCompletion, completionsUrl, estimateInputTokens, type ProviderRequest } from '../../src-main/engine/providers/openai-client';
import { startSimulator } from '../../src-main/engine/providers/simulator';

describe('the OpenAI-compatible client against the provider simulator', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, latencyMs: 5 });
  });
  afterAll(async () => sim.close());

  const request = (model: string, over: Partial<ProviderRequest> = {}): ProviderRequest => ({
    baseUrl: sim.url,
    model,
    messages: [{ role: 'user', content: 'Summarise the contract in one line' }],
    maxTokens: 64,
    stream: false,
    timeoutMs: 5_000,
    ...over,
  });

  it('answers with content, usage and the simulated label', async () => {
    const out = await callChatCompletion(request('demo-model'));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.content).toContain('Summarise the contract');
    expect(out.usage!.outputTokens).toBeGreaterThan(0);
    expect(out.simulated).toBe(true);
  });

  it('streams deltas that add up to the content, with usage from the last chunk', async () => {
    const deltas: string[] = [];
    const out = await callChatCompletion(request('demo-model', { stream: true, onDelta: (t) => deltas.push(t) }));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(out.content);
    expect(out.usage).not.toBeNull();
  });

  it('classifies failures: 5xx retryable, malformed not, no usage, timeout, network', async () => {
    const failed = await callChatCompletion(request('x-fail'));
    expect(failed).toMatchObject({ ok: false, kind: 'http-error', status: 503, retryable: true });
    expect(await callChatCompletion(request('x-malformed'))).toMatchObject({ ok: false, kind: 'malformed', retryable: false });
    expect(await callChatCompletion(request('x-malformed', { stream: true }))).toMatchObject({ ok: false, kind: 'malformed' });
    const noUsage = await callChatCompletion(request('x-nousage'));
    expect(noUsage).toMatchObject({ ok: true, usage: null });
    const slow = await startSimulator({ port: 0, latencyMs: 2_000 });
    try {
      expect(await callChatCompletion({ ...request('x'), baseUrl: slow.url, timeoutMs: 100 })).toMatchObject({ ok: false, kind: 'timeout', retryable: true });
    } finally {
      await slow.close();
    }
    expect(await callChatCompletion({ ...request('x'), baseUrl: 'http://127.0.0.1:9/v1' })).toMatchObject({ ok: false, kind: 'network', retryable: true });
  });

  it('sends the stored API key as a Bearer token and nothing when there is none', async () => {
    const seen: Array<string | undefined> = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { content: 'ok' } }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/`;
    try {
      await callChatCompletion({ ...request('m'), baseUrl, apiKey: 'sk-secret' });
      await callChatCompletion({ ...request('m'), baseUrl });
      expect(seen).toEqual(['Bearer sk-secret', undefined]);
    } finally {
      server.close();
    }
  });
});

describe('provider helpers', () => {
  it('joins base URLs without doubling slashes', () => {
    expect(completionsUrl('http://h/v1/')).toBe('http://h/v1/chat/completions');
    expect(completionsUrl('http://h/v1')).toBe('http://h/v1/chat/completions');
  });

  it('estimates input tokens from characters', () => {
    expect(estimateInputTokens([{ role: 'user', content: 'abcdefgh' }])).toBe(2 + 2 + 4);
  });

  it('cools an endpoint down after 3 consecutive failures, and a success resets the count', () => {
    const c = new Cooldowns(3, 30_000);
    const k = Cooldowns.keyOf('http://h/v1', 'm');
    c.failed(k, 0);
    c.failed(k, 0);
    c.succeeded(k);
    c.failed(k, 0);
    c.failed(k, 0);
    expect(c.isCooling(k, 1)).toBe(false);
    c.failed(k, 1_000);
    expect(c.isCooling(k, 1_001)).toBe(true);
    expect(c.isCooling(k, 31_001)).toBe(false);
  });
});
