import { useState, type FormEvent } from 'react';
import { commands } from '../../../../src-shared/contract';
import type { AppError } from '../../../../src-shared/errors';
import { useClient } from '../../client/ClientContext';
import { asAppError } from '../../client/errors';
import { useCommand } from '../../client/useCommand';
import { FormFooter } from '../../shell/FormFooter';
import { InlineError } from '../../shell/InlineError';
import { TextField } from '../../shell/TextField';

const SetKeyInput = commands['providers.setKey'].input;

/** The contract's own rules for the two fields, with a message per field. */
function problemsOf(baseUrl: string, apiKey: string): { baseUrl?: string; apiKey?: string } {
  const parsed = SetKeyInput.safeParse({ baseUrl: baseUrl.trim(), apiKey });
  if (parsed.success) return {};
  const found: { baseUrl?: string; apiKey?: string } = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'baseUrl') found.baseUrl ??= 'Base URL: an http(s) URL such as https://api.example.com/v1.';
    if (field === 'apiKey') found.apiKey ??= apiKey === '' ? 'Paste the API key.' : 'An API key is at most 500 characters.';
  }
  return found;
}

/**
 * API keys per endpoint base URL, stored by the engine in a local file (mode 0600), never shared.
 * The key is typed into a password field and dropped from memory once stored; only the engine's
 * hint (its last four characters) is ever shown.
 */
export function ApiKeys() {
  const client = useClient();
  const keys = useCommand('providers.keys', {});
  const [baseUrl, setBaseUrl] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const problems = tried ? problemsOf(baseUrl, apiKey) : {};

  async function store(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    setDone(null);
    if (Object.keys(problemsOf(baseUrl, apiKey)).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const stored = await client.call('providers.setKey', { baseUrl: baseUrl.trim(), apiKey });
      setApiKey('');
      setBaseUrl('');
      setTried(false);
      setDone(`Key stored for ${stored.baseUrl} (ends ${stored.hint}).`);
      keys.reload();
    } catch (error) {
      setFailure(asAppError(error));
    } finally {
      setBusy(false);
    }
  }

  async function remove(url: string) {
    setFailure(null);
    setDone(null);
    try {
      const { removed } = await client.call('providers.removeKey', { baseUrl: url });
      setDone(removed ? `Key for ${url} removed.` : `No key was stored for ${url}.`);
      keys.reload();
    } catch (error) {
      setFailure(asAppError(error));
    }
  }

  return (
    <section className="card form-section" data-testid="api-keys" aria-label="API keys">
      <h2>API keys</h2>
      <p className="muted">Sent as a bearer token to the endpoint with that base URL, and only to it. Kept on this device only.</p>
      {keys.error && !keys.loading && <InlineError error={keys.error} onRetry={keys.reload} testId="api-keys-error" />}
      {keys.data && keys.data.length === 0 && (
        <p className="muted" data-testid="api-keys-empty">
          No keys stored: calls go out without an Authorization header.
        </p>
      )}
      {keys.data && keys.data.length > 0 && (
        <table className="data-table compact" data-testid="api-keys-table">
          <thead>
            <tr>
              <th>Endpoint base URL</th>
              <th>Key</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.data.map((k) => (
              <tr key={k.baseUrl} data-testid="api-key-row" data-base-url={k.baseUrl}>
                <td>
                  <code className="selectable">{k.baseUrl}</code>
                </td>
                <td data-testid="api-key-hint">{k.hint}</td>
                <td className="num">
                  <button type="button" className="button button-small button-danger" onClick={() => void remove(k.baseUrl)} data-testid="api-key-remove">
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="form-section" onSubmit={(event) => void store(event)} noValidate data-testid="api-key-form">
        <div className="field-row">
          <TextField
            id="key-baseUrl"
            label="Endpoint base URL"
            problem={problems.baseUrl}
            inputMode="url"
            placeholder="https://api.example.com/v1"
            value={baseUrl}
            onChange={setBaseUrl}
          />
          <TextField id="key-apiKey" label="API key" problem={problems.apiKey} type="password" autoComplete="off" spellCheck={false} value={apiKey} onChange={setApiKey} />
        </div>
        <FormFooter failure={failure} done={done} busy={busy} label="Store key" busyLabel="Storing…" testIds={{ error: 'api-key-error', done: 'api-key-done', submit: 'api-key-save' }} />
      </form>
    </section>
  );
}
