import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';
import { discoverOllama } from '../providers/ollama';

type RoutingCommands =
  | 'route.plan'
  | 'route.call'
  | 'route.decisions'
  | 'routing.getSettings'
  | 'routing.setSettings'
  | 'providers.keys'
  | 'providers.setKey'
  | 'providers.removeKey'
  | 'providers.discoverLocal';

export function routingHandlers(engine: Engine): Pick<Handlers, RoutingCommands> {
  const router = () => engine.router;
  return {
    'route.plan': async (input) => router().plan(input, router().newDecisionId(), false).plan,
    'route.call': async ({ decisionId, ...input }) => router().call(input, decisionId),
    'route.decisions': async ({ offset, limit, modelId }) => router().parts.decisions.list(offset ?? 0, limit ?? 50, modelId),
    'routing.getSettings': async () => router().parts.settings.get(),
    'routing.setSettings': async (patch) => router().parts.settings.update(patch),
    'providers.keys': async () => router().parts.keys.list(),
    'providers.setKey': async ({ baseUrl, apiKey }) => {
      await router().parts.keys.set(baseUrl, apiKey);
      return router().parts.keys.list().find((k: { baseUrl: string }) => k.baseUrl === baseUrl.replace(/\/+$/, ''))!;
    },
    'providers.removeKey': async ({ baseUrl }) => ({ removed: await router().parts.keys.remove(baseUrl) }),
    'providers.discoverLocal': async ({ baseUrl }) => discoverOllama(baseUrl),
  };
}
