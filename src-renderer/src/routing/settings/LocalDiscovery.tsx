import { useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../../../src-shared/contract';
import type { AppError } from '../../../../src-shared/errors';
import { useClient } from '../../client/ClientContext';
import { asAppError } from '../../client/errors';
import { formatCount } from '../../format/numbers';
import { CopyButton } from '../../shell/CopyButton';
import { InlineError } from '../../shell/InlineError';

type Found = CommandOutput<'providers.discoverLocal'>;
const DEFAULT_OLLAMA = 'http://127.0.0.1:11434';

function size(bytes: number | null): string {
  if (bytes === null) return 'size unknown';
  const mb = Math.round(bytes / 1_048_576);
  if (mb < 1024) return `${formatCount(mb)} MB`;
  const tenths = Math.round((bytes * 10) / 1_073_741_824);
  return `${formatCount(Math.floor(tenths / 10))}.${tenths % 10} GB`;
}

/**
 * A local Ollama's models (providers.discoverLocal). Listing one is done in the Producer Console's
 * "New model" form, another window: this shows exactly what to enter there — the OpenAI-compatible
 * base URL (Ollama serves it at /v1) and the model name — with copy buttons.
 */
export function LocalDiscovery() {
  const client = useClient();
  const [baseUrl, setBaseUrl] = useState(DEFAULT_OLLAMA);
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<Found | null>(null);
  const [failure, setFailure] = useState<AppError | null>(null);

  async function discover(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      setFound(await client.call('providers.discoverLocal', baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}));
    } catch (error) {
      setFound(null);
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  const endpoint = found ? `${found.baseUrl}/v1` : '';
  return (
    <section className="card form-section" data-testid="local-discovery" aria-label="Local models">
      <h2>Local models (Ollama)</h2>
      <form className="inline-form" onSubmit={(event) => void discover(event)} noValidate>
        <label className="toolbar-field" htmlFor="ollama-url">
          Ollama at
        </label>
        <input id="ollama-url" data-testid="ollama-url" inputMode="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />
        <button type="submit" className="button" disabled={busy} data-testid="ollama-discover">
          {busy ? 'Looking…' : 'Discover'}
        </button>
      </form>
      {failure && <InlineError error={failure} testId="ollama-error" prefix="Could not look" />}
      {found && !found.reachable && (
        <p className="muted" data-testid="ollama-result" data-reachable="false">
          <span className="badge badge-retired">unreachable</span> Nothing answers at <code>{found.baseUrl}</code>. Start Ollama (<code>ollama serve</code>) and
          look again.
        </p>
      )}
      {found?.reachable && (
        <div data-testid="ollama-result" data-reachable="true">
          <p>
            <span className="badge badge-measured">reachable</span> {formatCount(found.models.length)} model{found.models.length === 1 ? '' : 's'} at{' '}
            <code>{found.baseUrl}</code>.
          </p>
          {found.models.length > 0 && (
            <>
              <p className="muted">
                To list one as your model, open the Producer Console → My models → New model, and enter this endpoint base URL and the model name:
              </p>
              <p className="copy-line">
                <code className="selectable" data-testid="ollama-endpoint">
                  {endpoint}
                </code>
                <CopyButton value={endpoint} label="endpoint base URL" testId="ollama-copy-endpoint" />
              </p>
              <table className="data-table compact" data-testid="ollama-models">
                <tbody>
                  {found.models.map((m) => (
                    <tr key={m.name} data-testid="ollama-model">
                      <td>
                        <code className="selectable">{m.name}</code>
                      </td>
                      <td className="muted">{size(m.sizeBytes)}</td>
                      <td className="num">
                        <CopyButton value={m.name} label={`model name ${m.name}`} testId="ollama-copy-model" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </section>
  );
}
