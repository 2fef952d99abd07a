import type { AppError } from '../../../src-shared/errors';
import { issuesOf } from '../client/issues';

/** A refused save: the engine's message and code, and every field it named. */
export function FormError({ error, testId = 'form-error' }: { error: AppError; testId?: string }) {
  const issues = issuesOf(error);
  return (
    <div className="form-error" role="alert" data-testid={testId}>
      <p>
        {error.message} <code data-testid="error-code">{error.code}</code>
      </p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`} data-testid="form-error-issue" data-path={issue.path}>
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
