import type { ReactNode } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { UNAUTHORIZED_HINT } from '../transport/rpc';

export function LoadingState({ label, testId = 'loading' }: { label: string; testId?: string }) {
  return (
    <div className="state state-loading" data-testid={testId} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorState({
  error,
  onRetry,
  testId = 'error',
}: {
  error: AppError;
  onRetry?: () => void;
  testId?: string;
}) {
  return (
    <div className="state state-error" data-testid={testId} role="alert">
      <p className="state-title">{error.message}</p>
      <p className="muted">
        Error code <code data-testid="error-code">{error.code}</code>
      </p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry} data-testid="retry">
          Retry
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId: string }) {
  return (
    <div className="state state-empty" data-testid={testId}>
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

/** Browser mode without a valid token: nothing else on the page can work, so say only this. */
export function UnauthorizedScreen({ error }: { error: AppError }) {
  return (
    <main className="fullscreen-message" data-testid="unauthorized" role="alert">
      <h1>Not authorised</h1>
      <p>{error.message.includes(UNAUTHORIZED_HINT) ? error.message : `${error.message} ${UNAUTHORIZED_HINT}`}</p>
      <p className="muted">
        Error code <code>UNAUTHORIZED</code>. The URL looks like <code>http://127.0.0.1:…/user.html#session=…</code>.
      </p>
    </main>
  );
}
