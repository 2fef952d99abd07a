import { isCommandName } from '../../src-shared/contract';
import { toErrorShape, type ErrorShape } from '../../src-shared/errors';
import type { CallAnswer } from '../preload/channels';
import type { SenderInfo } from './ipc-guard';

export interface CallRelayDeps {
  isTrusted(sender: SenderInfo): boolean;
  /** Sends the call to the engine host; rejects with an ErrorShape. */
  forward(name: string, input: unknown): Promise<unknown>;
  /** Where refused senders are noted: a refusal means a bug or an attack, worth a log line. */
  onRefused?(sender: SenderInfo, reason: string): void;
}

const fail = (error: ErrorShape): CallAnswer => ({ ok: false, error });

/**
 * The body of `ipcMain.handle(CALL_CHANNEL)`. Always answers `{ok, result | error}`: a thrown
 * Error would reach the page as a string with Electron's wrapper text and no code.
 */
export function createCallRelay(deps: CallRelayDeps) {
  return async (sender: SenderInfo, name: unknown, input: unknown): Promise<CallAnswer> => {
    if (!deps.isTrusted(sender)) {
      deps.onRefused?.(sender, 'untrusted sender');
      return fail({ code: 'FORBIDDEN', message: 'This frame may not call the engine' });
    }
    if (!isCommandName(name)) {
      return fail({ code: 'UNKNOWN_COMMAND', message: `Unknown command: ${typeof name === 'string' ? name : typeof name}` });
    }
    try {
      return { ok: true, result: await deps.forward(name, input) };
    } catch (error) {
      return fail(toErrorShape(error));
    }
  };
}
