import { isErrorShape } from '../../src-shared/errors';
import type { HostMessage } from '../host/protocol';

/**
 * Checks a message from the engine host before the shell acts on it. The host is our own code,
 * but a malformed message must cost one log line, not a crash of the main process.
 */
export function parseHostMessage(raw: unknown): HostMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return typeof m.dataDir === 'string' ? { type: 'ready', dataDir: m.dataDir } : null;
    case 'result':
      if (typeof m.id !== 'number' || !Number.isInteger(m.id)) return null;
      if (m.ok === true) return { type: 'result', id: m.id, ok: true, result: m.result };
      if (m.ok === false && isErrorShape(m.error)) return { type: 'result', id: m.id, ok: false, error: m.error };
      return null;
    case 'event':
      return typeof m.event === 'string' ? { type: 'event', event: m.event, payload: m.payload } : null;
    case 'fatal':
      return { type: 'fatal', message: typeof m.message === 'string' ? m.message : 'unknown fatal error' };
    default:
      return null;
  }
}
