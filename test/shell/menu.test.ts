import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, type MenuItemSpec } from '../../src-main/shell/menu';

function flatten(items: MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
}

function build(isMac: boolean, isDev = false) {
  const openWindow = vi.fn();
  const navigate = vi.fn();
  return {
    items: flatten(buildMenuTemplate({ isMac, isDev, openWindow, navigate })),
    top: buildMenuTemplate({ isMac, isDev, openWindow, navigate }),
    openWindow,
    navigate,
  };
}

describe('application menu', () => {
  it.each([true, false])('opens the producer console with CmdOrCtrl+Shift+P (mac: %s)', (isMac) => {
    const { items, openWindow } = build(isMac);
    const producer = items.find((i) => i.label === 'Producer Console');
    expect(producer?.accelerator).toBe('CmdOrCtrl+Shift+P');
    expect(producer?.id).toBe('window.producer');
    producer?.click?.();
    expect(openWindow).toHaveBeenCalledWith('producer');

    const user = items.find((i) => i.id === 'window.user');
    user?.click?.();
    expect(openWindow).toHaveBeenLastCalledWith('user');
  });

  it('puts both window items in the Window menu', () => {
    const { top } = build(false);
    const windowMenu = top.find((i) => i.label === 'Window');
    expect(windowMenu?.submenu?.map((i) => i.id).filter(Boolean)).toEqual(['window.user', 'window.producer']);
  });

  it('gives every accelerator to exactly one item', () => {
    const accelerators = build(true, true).items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('offers reload and devtools only in development', () => {
    const roles = (isDev: boolean) => build(false, isDev).items.map((i) => i.role);
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('forceReload');
  });

  it('has the macOS app menu only on macOS, and the edit roles everywhere', () => {
    expect(build(true).top[0]?.role).toBe('appMenu');
    expect(build(false).items.map((i) => i.role)).not.toContain('appMenu');
    expect(build(false).items.map((i) => i.role)).toContain('editMenu');
    expect(build(false).items.map((i) => i.role)).toContain('quit');
  });

  it.each([
    [false, 'Alt+Left', 'Alt+Right'],
    [true, 'Cmd+[', 'Cmd+]'],
  ])('has Back and Forward in a Go menu with the platform keys (mac: %s)', (isMac, back, forward) => {
    const { top, navigate } = build(isMac);
    const go = top.find((i) => i.label === 'Go')?.submenu ?? [];
    expect(go.map((i) => [i.label, i.accelerator])).toEqual([
      ['Back', back],
      ['Forward', forward],
    ]);
    go[0]?.click?.();
    expect(navigate).toHaveBeenLastCalledWith('back');
    go[1]?.click?.();
    expect(navigate).toHaveBeenLastCalledWith('forward');
  });
});
