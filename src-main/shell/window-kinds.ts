/** The shell's two windows. Each kind exists at most once (see window-registry.ts). */
export type WindowKind = 'user' | 'producer';
export const WINDOW_KINDS: readonly WindowKind[] = ['user', 'producer'];

export function isWindowKind(value: unknown): value is WindowKind {
  return value === 'user' || value === 'producer';
}

export function pageFor(kind: WindowKind): string {
  return kind === 'user' ? 'user.html' : 'producer.html';
}

/** The shell names the windows, not the pages, so the OS window list always tells them apart. */
export function titleFor(kind: WindowKind): string {
  return kind === 'user' ? 'InfiniRoute Marketplace' : 'InfiniRoute Producer Console';
}

export function sizeFor(kind: WindowKind): { width: number; height: number; minWidth: number; minHeight: number } {
  return kind === 'user'
    ? { width: 1280, height: 820, minWidth: 900, minHeight: 600 }
    : { width: 1180, height: 780, minWidth: 900, minHeight: 600 };
}
