/**
 * How a page served by `infiniroute serve` proves it was opened from the printed URL. Browsers send
 * cookies to every port of a host, so no credential ever travels in one: the URL's fragment (never
 * sent to a server) carries a per-start page session secret, the page keeps it in sessionStorage and
 * sends it in a header on /rpc and as a WebSocket subprotocol on /events (a browser cannot set
 * headers there). A page session is weaker than the host token: key-revealing commands refuse it.
 */
export const PAGE_SESSION_HEADER = 'X-InfiniRoute-Session';
/** The fragment parameter of the printed URL: `…/user.html#session=S`. */
export const PAGE_SESSION_FRAGMENT = 'session';
/** The subprotocol the server selects on /events. */
export const EVENTS_PROTOCOL = 'infiniroute.events';
/** The subprotocol that carries the secret: `infiniroute.session.S` (base64url is a valid protocol token). */
export const SESSION_PROTOCOL_PREFIX = 'infiniroute.session.';
/** A page session secret: 32 random bytes, base64url. */
export const PAGE_SESSION_PATTERN = /^[A-Za-z0-9_-]{43}$/;
