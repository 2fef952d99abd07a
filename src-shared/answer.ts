import type { ErrorShape } from './errors';

/**
 * What one command call answers on every transport (engine dispatch, utilityProcess messages, the
 * Electron IPC relay, JSON-RPC): a result or an ErrorShape, never a thrown Error, which IPC and
 * structured clone would flatten to its message.
 */
export type Answer = { ok: true; result: unknown } | { ok: false; error: ErrorShape };

/** The one entry to an engine: a command name and its (not yet validated) input. */
export type Dispatch = (name: string, input: unknown) => Promise<Answer>;
