import type { Answer } from '../../src-shared/answer';

/**
 * Messages between the Electron main process and the engine host it forks (utilityProcess).
 * Main relays renderer calls as `call` and fans `event` messages out to every window.
 */
export type HostRequest = { type: 'call'; id: number; name: string; input: unknown };

export type HostMessage =
  | { type: 'ready'; dataDir: string }
  | ({ type: 'result'; id: number } & Answer)
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'fatal'; message: string };
