/**
 * "Only for http(s) links the user clicked": a page may ask for window.open at any time, but the
 * shell hands a URL to the system browser (shell.openExternal) only right after a real click or key
 * press in that window, once per such input. Input events come from Electron's 'input-event',
 * which the page cannot forge (synthetic DOM events never reach it).
 */
export const ACTIVATING_INPUTS: ReadonlySet<string> = new Set(['mouseDown', 'mouseUp', 'keyDown', 'rawKeyDown', 'gestureTap']);

/** Like Chromium's transient user activation, which also expires after a few seconds. */
export const ACTIVATION_WINDOW_MS = 5_000;

export interface UserActivation {
  /** Called with each input event's type. */
  note(inputType: string): void;
  /** True (once) if the user acted within the window; the activation is then used up. */
  consume(): boolean;
}

export function createUserActivation(now: () => number = Date.now, windowMs = ACTIVATION_WINDOW_MS): UserActivation {
  let activatedAt: number | null = null;
  return {
    note(inputType) {
      if (ACTIVATING_INPUTS.has(inputType)) activatedAt = now();
    },
    consume() {
      if (activatedAt === null) return false;
      const elapsed = now() - activatedAt;
      activatedAt = null;
      return elapsed >= 0 && elapsed <= windowMs;
    },
  };
}
