/**
 * A random id made of [A-Za-z0-9_-] (base64url of crypto-random bytes). Used where the client
 * names something before the engine sees it: a decision id to match streamed deltas to the call,
 * an entry id that makes a retried deposit idempotent.
 */
export function randomId(prefix: string, bytes = 16): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = '';
  for (const byte of raw) binary += String.fromCharCode(byte);
  return prefix + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
