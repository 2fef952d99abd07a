import { AppError } from '../../../src-shared/errors';

/** createClient already rethrows AppError; this only guards code that awaits something else. */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('INTERNAL', error instanceof Error ? error.message : String(error));
}
