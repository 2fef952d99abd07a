import type { WindowKind } from './window-kinds';

export interface WindowOps<W> {
  create(kind: WindowKind): W;
  isAlive(window: W): boolean;
  focus(window: W): void;
}

export interface WindowRegistry<W> {
  /** The window of this kind: focused if it exists, created otherwise. */
  open(kind: WindowKind): W;
  get(kind: WindowKind): W | undefined;
  /** Called when a window closes, so the next open() makes a new one. */
  forget(kind: WindowKind, window: W): void;
  all(): W[];
}

/**
 * At most one window of each kind: two user windows would be two views fighting over the same
 * state with nothing gained, and menu items / links can then simply "open or focus".
 */
export function createWindowRegistry<W>(ops: WindowOps<W>): WindowRegistry<W> {
  const windows = new Map<WindowKind, W>();
  const get = (kind: WindowKind): W | undefined => {
    const w = windows.get(kind);
    if (w !== undefined && !ops.isAlive(w)) {
      windows.delete(kind);
      return undefined;
    }
    return w;
  };
  return {
    open(kind) {
      const existing = get(kind);
      if (existing !== undefined) {
        ops.focus(existing);
        return existing;
      }
      const created = ops.create(kind);
      windows.set(kind, created);
      return created;
    },
    get,
    forget(kind, window) {
      // Only the window we hold: a late 'closed' of an old window must not drop its replacement.
      if (windows.get(kind) === window) windows.delete(kind);
    },
    all() {
      return [...windows.keys()].map(get).filter((w): w is W => w !== undefined);
    },
  };
}
