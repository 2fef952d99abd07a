import type { z } from 'zod';
import { commands, isCommandName, type CommandName, type CommandOutput } from '../../src-shared/contract';
import { AppError, toErrorShape } from '../../src-shared/errors';
import type { Dispatch } from '../../src-shared/answer';

export type Handlers = {
  [N in CommandName]: (input: z.output<(typeof commands)[N]['input']>) => Promise<CommandOutput<N>>;
};

/** zod issues as the failing fields, so a client can point at the exact input that was wrong. */
export function describeIssues(error: z.ZodError): { message: string; issues: Array<{ path: string; message: string }> } {
  const pathOf = (segments: readonly PropertyKey[]) => segments.map(String).join('.') || '(input)';
  // An unknown key is reported at the key itself (zod reports it at the enclosing object).
  const issues = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), message: `Unrecognized key: "${key}"` }))
      : [{ path: pathOf(issue.path), message: issue.message }],
  );
  const first = issues[0];
  const message = first ? `Invalid input at ${first.path}: ${first.message}` : 'Invalid input';
  return { message, issues };
}

/**
 * The one entry to the engine: validates every input against the contract before a handler runs
 * and turns every failure into {code, message, details?}. Nothing reaches a handler unvalidated.
 */
export function createDispatcher(handlers: Handlers, options: { validateOutput: boolean }): Dispatch {
  return async (name, input) => {
    if (!isCommandName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `Unknown command: ${String(name).slice(0, 100)}` } };
    }
    const spec = commands[name];
    const parsed = spec.input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) {
      const { message, issues } = describeIssues(parsed.error);
      return { ok: false, error: { code: 'INVALID_INPUT', message, details: { issues } } };
    }
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      const result = await handler(parsed.data);
      if (options.validateOutput) {
        const checked = spec.output.safeParse(result);
        if (!checked.success) throw new Error(`${name} answered outside its contract: ${describeIssues(checked.error).message}`);
      }
      return { ok: true, result };
    } catch (error) {
      if (!(error instanceof AppError)) console.error(`command ${name} failed:`, error instanceof Error ? error.message : error);
      return { ok: false, error: toErrorShape(error) };
    }
  };
}
