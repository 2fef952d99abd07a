import type { Answer } from '../../src-shared/answer';

/**
 * The two IPC channels between the shell and its windows, and the events the shell itself emits.
 * Shared by main and preload so neither side can drift from the other.
 */
export const CALL_CHANNEL = 'infiniroute:call';
export const EVENT_CHANNEL = 'infiniroute:event';

/**
 * Engine-host lifecycle (starting, ready, down + retry delay). It comes from the shell, not the
 * engine, so it is not in the command contract; the preload allows it beside EVENT_NAMES so the
 * windows can show "engine restarting" instead of hanging.
 */
export const ENGINE_STATUS_EVENT = 'engine.status';
export const SHELL_EVENT_NAMES: readonly string[] = [ENGINE_STATUS_EVENT];

/** What `ipcMain.handle(CALL_CHANNEL)` answers: never a thrown Error, which IPC would flatten. */
export type CallAnswer = Answer;

/** What travels on EVENT_CHANNEL. */
export interface EventEnvelope {
  event: string;
  payload: unknown;
}
