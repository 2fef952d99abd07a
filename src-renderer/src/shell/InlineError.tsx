import type { AppError } from '../../../src-shared/errors';

/** A failure inside one section of a screen: the rest of the screen keeps working. */
export function InlineError({
  error,
  onRetry,
  testId,
  prefix,
}: {
  error: AppError;
  onRetry?: () => void;
  testId: string;
  prefix?: string;
}) {
  return (
    <div className="inline-error" role="alert" data-testid={testId}>
      <span>
        {prefix ? `${prefix}: ` : ''}
        {error.message} <code data-testid="error-code">{error.code}</code>
      </span>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
