export const OLLAMA_DEFAULT = 'http://127.0.0.1:11434';

/**
 * Lists the models of a local Ollama through its /api/tags; Ollama also speaks the OpenAI API at
 * /v1, so each one can be listed and routed like any producer's endpoint. Unreachable is an answer,
 * not an error: most machines have no Ollama.
 */
export async function discoverOllama(baseUrl = OLLAMA_DEFAULT, timeoutMs = 1_500): Promise<{ baseUrl: string; reachable: boolean; models: Array<{ name: string; sizeBytes: number | null }> }> {
  const root = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  try {
    const response = await fetch(`${root}/api/tags`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return { baseUrl: root, reachable: false, models: [] };
    const body = (await response.json()) as { models?: Array<{ name?: unknown; size?: unknown }> };
    const models = (body.models ?? [])
      .filter((m): m is { name: string; size?: unknown } => typeof m.name === 'string')
      .map((m) => ({ name: m.name, sizeBytes: Number.isSafeInteger(m.size) ? (m.size as number) : null }));
    return { baseUrl: root, reachable: true, models };
  } catch {
    return { baseUrl: root, reachable: false, models: [] };
  }
}
