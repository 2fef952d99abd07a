import type { AppError } from '../../../src-shared/errors';

export interface Issue {
  path: string;
  message: string;
}

/** INVALID_INPUT carries details.issues[] = {path, message}: the exact fields the engine refused. */
export function issuesOf(error: AppError | null | undefined): Issue[] {
  if (!error || error.code !== 'INVALID_INPUT') return [];
  const details = error.details as { issues?: unknown } | undefined;
  if (!details || !Array.isArray(details.issues)) return [];
  return details.issues.flatMap((issue: unknown) => {
    if (typeof issue !== 'object' || issue === null) return [];
    const { path, message } = issue as { path?: unknown; message?: unknown };
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

/**
 * The engine's issues placed on the form's fields: `fieldOf` maps a contract path (e.g.
 * "price.inputPer1M") to a field key, or null when no field shows it (then only the list does).
 */
export function issuesByField(error: AppError | null | undefined, fieldOf: (path: string) => string | null): Record<string, string> {
  const found: Record<string, string> = {};
  for (const issue of issuesOf(error)) {
    const field = fieldOf(issue.path);
    if (field !== null && found[field] === undefined) found[field] = issue.message;
  }
  return found;
}
