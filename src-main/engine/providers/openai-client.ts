/**
 * One call to an OpenAI-compatible `/v1/chat/completions` endpoint (hosted, Ollama, llama.cpp,
 * vLLM), streaming or not. It never throws: every failure comes back classified, so the router
 * can decide between retry, fallback and cooldown.
 */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ProviderRequest {
  baseUrl: string;
  model: string;
  apiKey?: string | undefined;
  messages: ChatMessage[];
  /** Sent as `max_tokens` when given; otherwise the endpoint's own limit applies. */
  maxTokens?: number | undefined;
  stream: boolean;
  timeoutMs: number;
  onDelta?: ((text: string) => void) | undefined;
}

export type FailureKind = 'http-error' | 'timeout' | 'network' | 'malformed';

export type ProviderOutcome =
  | { ok: true; content: string; usage: { inputTokens: number; outputTokens: number } | null; simulated: boolean; latencyMs: number }
  | { ok: false; kind: FailureKind; status: number | null; message: string; retryable: boolean; latencyMs: number };

export function completionsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
}

function usageOf(raw: unknown): { inputTokens: number; outputTokens: number } | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const u = raw as Record<string, unknown>;
  const input = u.prompt_tokens;
  const output = u.completion_tokens;
  if (!Number.isSafeInteger(input) || !Number.isSafeInteger(output) || (input as number) < 0 || (output as number) < 0) return null;
  return { inputTokens: input as number, outputTokens: output as number };
}

class Malformed extends Error {}

function contentOfMessage(body: unknown): string {
  const choice = (body as { choices?: Array<{ message?: { content?: unknown } }> })?.choices?.[0];
  const content = choice?.message?.content;
  if (typeof content !== 'string') throw new Malformed('response has no choices[0].message.content string');
  return content;
}

/** Reads an SSE stream of chat.completion.chunk events until [DONE]. */
async function readStream(response: Response, onDelta?: (text: string) => void): Promise<{ content: string; usage: ReturnType<typeof usageOf> }> {
  if (!response.body) throw new Malformed('stream response has no body');
  const decoder = new TextDecoder();
  let buffer = '';
  let content = '';
  let usage: ReturnType<typeof usageOf> = null;
  let done = false;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') {
        done = true;
        continue;
      }
      let event: { choices?: Array<{ delta?: { content?: unknown } }>; usage?: unknown };
      try {
        event = JSON.parse(data);
      } catch {
        throw new Malformed('stream event is not JSON');
      }
      const delta = event.choices?.[0]?.delta?.content;
      if (typeof delta === 'string' && delta.length > 0) {
        content += delta;
        onDelta?.(delta);
      }
      usage = usageOf(event.usage) ?? usage;
    }
  }
  if (!done) throw new Malformed('stream ended before [DONE]');
  return { content, usage };
}

export async function callChatCompletion(req: ProviderRequest): Promise<ProviderOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: req.stream ? 'text/event-stream' : 'application/json' };
  if (req.apiKey) headers.Authorization = `Bearer ${req.apiKey}`;
  const body = JSON.stringify({
    model: req.model,
    messages: req.messages,
    ...(req.maxTokens !== undefined ? { max_tokens: req.maxTokens } : {}),
    stream: req.stream,
    ...(req.stream ? { stream_options: { include_usage: true } } : {}),
  });
  const signal = AbortSignal.timeout(req.timeoutMs);
  try {
    const response = await fetch(completionsUrl(req.baseUrl), { method: 'POST', headers, body, signal });
    const simulated = response.headers.get('x-infiniroute-simulated') === '1';
    if (!response.ok) {
      const text = (await response.text().catch(() => '')).slice(0, 200);
      const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
      return { ok: false, kind: 'http-error', status: response.status, message: `HTTP ${response.status}${text ? `: ${text}` : ''}`, retryable, latencyMs: elapsed() };
    }
    if (req.stream) {
      const { content, usage } = await readStream(response, req.onDelta);
      return { ok: true, content, usage, simulated, latencyMs: elapsed() };
    }
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      throw new Malformed('response is not JSON');
    }
    return { ok: true, content: contentOfMessage(parsed), usage: usageOf((parsed as { usage?: unknown }).usage), simulated, latencyMs: elapsed() };
  } catch (error) {
    if (error instanceof Malformed) return { ok: false, kind: 'malformed', status: null, message: error.message, retryable: false, latencyMs: elapsed() };
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError' || signal.aborted) {
      return { ok: false, kind: 'timeout', status: null, message: `no answer within ${req.timeoutMs} ms`, retryable: true, latencyMs: elapsed() };
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, kind: 'network', status: null, message: cause ? `network error (${cause})` : `network error: ${(error as Error).message}`, retryable: true, latencyMs: elapsed() };
  }
}

/** Token estimate when an endpoint reports no usage: ~4 characters a token, rounded up. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function estimateInputTokens(messages: readonly ChatMessage[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m.content) + 4, 2);
}
