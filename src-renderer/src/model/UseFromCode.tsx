import type { CatalogItem } from '../../../src-shared/catalog';
import { CopyButton } from '../shell/CopyButton';

/** Where the engine's JSON-RPC endpoint is: this page's origin in browser mode, `serve`'s default otherwise. */
function rpcOrigin(): string {
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  return origin.startsWith('http') ? origin : 'http://127.0.0.1:5317';
}

/** The same call the Playground makes with "Use this model", as any HTTP client sends it to `infiniroute serve`. */
export function callSnippet(item: Pick<CatalogItem, 'id' | 'tasks'>, origin: string): string {
  const body = {
    jsonrpc: '2.0',
    id: 1,
    method: 'route.call',
    params: { task: item.tasks[0] ?? 'chat', messages: [{ role: 'user', content: 'Hello' }], constraints: { pinnedModel: item.id } },
  };
  return [`curl -s ${origin}/rpc \\`, `  -H "Authorization: Bearer $INFINIROUTE_TOKEN" \\`, `  -H "Content-Type: application/json" \\`, `  -d '${JSON.stringify(body)}'`].join('\n');
}

export function UseFromCode({ item }: { item: CatalogItem }) {
  const snippet = callSnippet(item, rpcOrigin());
  return (
    <div className="use-from-code" data-testid="use-from-code">
      <p className="muted">
        Routed through the marketplace (charged, reviewed and rewarded like the Playground's calls), pinned to this model. The token is
        the one <code>infiniroute serve</code> prints.
      </p>
      <pre className="code-block selectable" tabIndex={0} aria-label="Example call">
        {snippet}
      </pre>
      <CopyButton value={snippet} label="the example call" testId="copy-call" />
    </div>
  );
}
