import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * `infiniroute provider-sim`: a local OpenAI-compatible endpoint with configurable latency,
 * failures and malformed output. Every answer carries `x-infiniroute-simulated: 1`, so the UI
 * labels it as simulated. A model name can ask for a behaviour: `…-fail` (HTTP 503), `…-slow`
 * (5× latency), `…-malformed` (broken JSON), `…-nousage` (no usage block).
 */
export interface SimulatorOptions {
  port: number;
  host: string;
  latencyMs: number;
  failRate: number;
  malformedRate: number;
  seed: number;
}

export const DEFAULT_SIMULATOR: SimulatorOptions = { port: 5318, host: '127.0.0.1', latencyMs: 40, failRate: 0, malformedRate: 0, seed: 1 };

interface ChatRequest {
  model?: unknown;
  messages?: Array<{ role?: unknown; content?: unknown }>;
  stream?: unknown;
  max_tokens?: unknown;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

/** A deterministic answer that shows what the model was asked (real enough to read in the UI). */
export function simulatedAnswer(model: string, prompt: string, maxTokens: number): string {
  const asked = words(prompt).slice(0, 24).join(' ');
  const text = `Simulated answer from ${model}. You asked: "${asked}". This reply comes from the InfiniRoute provider simulator, not a real model.`;
  return words(text).slice(0, Math.max(1, maxTokens)).join(' ');
}

function tokenCount(text: string): number {
  return Math.ceil(text.length / 4);
}

function readJson(req: IncomingMessage): Promise<ChatRequest | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 2 * 1024 * 1024) chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest);
      } catch {
        resolve(null);
      }
    });
    req.on('error', () => resolve(null));
  });
}

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function answer(options: SimulatorOptions, random: () => number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = { 'x-infiniroute-simulated': '1' };
  if (req.method === 'GET' && req.url?.endsWith('/models')) {
    res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify({ object: 'list', data: [] }));
    return;
  }
  if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
    res.writeHead(404, headers);
    res.end('not found');
    return;
  }
  const body = await readJson(req);
  const model = typeof body?.model === 'string' ? body.model : '';
  if (!body || !model || !Array.isArray(body.messages)) {
    res.writeHead(400, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify({ error: { message: 'model and messages are required' } }));
    return;
  }
  const slow = model.endsWith('-slow') ? 5 : 1;
  await sleep(Math.round(options.latencyMs * slow * (0.75 + random() * 0.5)));
  if (model.endsWith('-fail') || random() < options.failRate) {
    res.writeHead(503, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify({ error: { message: 'simulated outage' } }));
    return;
  }
  const prompt = body.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
  const maxTokens = Number.isSafeInteger(body.max_tokens) ? (body.max_tokens as number) : 256;
  const content = simulatedAnswer(model, body.messages.filter((m) => m.role === 'user').map((m) => String(m.content ?? '')).pop() ?? '', maxTokens);
  const usage = model.endsWith('-nousage') ? undefined : { prompt_tokens: tokenCount(prompt) + 4 * body.messages.length, completion_tokens: tokenCount(content), total_tokens: 0 };
  if (usage) usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  const malformed = model.endsWith('-malformed') || random() < options.malformedRate;
  if (body.stream === true) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', ...headers });
    for (const piece of content.match(/\S+\s*/g) ?? []) {
      res.write(`data: ${JSON.stringify({ object: 'chat.completion.chunk', model, choices: [{ index: 0, delta: { content: piece } }] })}\n\n`);
      await sleep(2);
    }
    if (malformed) {
      res.end('data: {broken\n\n');
      return;
    }
    if (usage) res.write(`data: ${JSON.stringify({ object: 'chat.completion.chunk', model, choices: [], usage })}\n\n`);
    res.end('data: [DONE]\n\n');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
  if (malformed) {
    res.end('{"choices": [ {"message": ');
    return;
  }
  res.end(JSON.stringify({ id: `sim-${Date.now()}`, object: 'chat.completion', model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], ...(usage ? { usage } : {}) }));
}

export async function startSimulator(partial: Partial<SimulatorOptions> = {}): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const options = { ...DEFAULT_SIMULATOR, ...partial };
  const random = seeded(options.seed);
  const server = createServer((req, res) => {
    answer(options, random, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host}:${port}/v1`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
