/**
 * How the desktop main process hands the unwrapped data key to the engine host it forks: the first
 * message on the utilityProcess port, never argv (visible to every user in `ps`) and never the
 * environment (inherited by every child and readable in /proc/<pid>/environ). `key: null` means
 * the OS keychain is unavailable and the files stay plaintext (mode 0600).
 */
export interface DataKeyHandoff {
  type: 'data-key';
  /** base64 of the 32-byte data key, or null. */
  key: string | null;
}

export function dataKeyHandoff(key: Uint8Array | null): DataKeyHandoff {
  return { type: 'data-key', key: key ? Buffer.from(key).toString('base64') : null };
}

/** The handoff message's key (null = none), or undefined when `raw` is not a handoff message. */
export function parseDataKeyHandoff(raw: unknown): Uint8Array | null | undefined {
  if (typeof raw !== 'object' || raw === null || (raw as { type?: unknown }).type !== 'data-key') return undefined;
  const key = (raw as { key?: unknown }).key;
  if (key === null) return null;
  if (typeof key !== 'string' || !/^[A-Za-z0-9+/]{43}=$/.test(key)) throw new Error('malformed data key handoff');
  return new Uint8Array(Buffer.from(key, 'base64'));
}
