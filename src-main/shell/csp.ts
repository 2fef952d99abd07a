/**
 * The Content-Security-Policy every app:// response carries. No 'unsafe-eval' and no
 * 'wasm-unsafe-eval': the renderer runs no WASM (Automerge lives in the engine host). Inline
 * styles are allowed because the UI's libraries set style attributes; inline scripts are not.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['connect-src', "'self'"],
  ['img-src', "'self' data:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/** Headers added to every app:// response, errors included. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    // Without it Chromium may sniff a .json or .txt file into something executable.
    'X-Content-Type-Options': 'nosniff',
  };
}
