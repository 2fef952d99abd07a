import type { WindowKind } from './window-kinds';

/**
 * The application menu as plain data. The role names are a subset of Electron's MenuItem roles,
 * spelled out here so the template can be built and tested without loading Electron.
 */
export type MenuRole =
  | 'appMenu'
  | 'editMenu'
  | 'quit'
  | 'close'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen';

export interface MenuItemSpec {
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemSpec[];
}

export interface MenuOptions {
  isMac: boolean;
  /** Reload and devtools only in development: in a shipped app they only help an attacker. */
  isDev: boolean;
  openWindow(kind: WindowKind): void;
  /** Back / Forward in the focused window's history: its views have URLs (hash routes). */
  navigate(direction: 'back' | 'forward'): void;
}

export const MENU_IDS = { user: 'window.user', producer: 'window.producer' } as const;
export const ACCELERATORS = { user: 'CmdOrCtrl+Shift+U', producer: 'CmdOrCtrl+Shift+P' } as const;
export const NAV_IDS = { back: 'go.back', forward: 'go.forward' } as const;

/** Each platform's own keys for history: Alt+←/→ on Windows and Linux, ⌘[ / ⌘] on macOS. */
function navAccelerators(isMac: boolean) {
  return isMac ? { back: 'Cmd+[', forward: 'Cmd+]' } : { back: 'Alt+Left', forward: 'Alt+Right' };
}

export function buildMenuTemplate(options: MenuOptions): MenuItemSpec[] {
  const windowItems: MenuItemSpec[] = [
    { id: MENU_IDS.user, label: 'Marketplace', accelerator: ACCELERATORS.user, click: () => options.openWindow('user') },
    {
      id: MENU_IDS.producer,
      label: 'Producer Console',
      accelerator: ACCELERATORS.producer,
      click: () => options.openWindow('producer'),
    },
  ];
  const view: MenuItemSpec[] = [
    ...(options.isDev
      ? [{ role: 'reload' as const }, { role: 'forceReload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }]
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const keys = navAccelerators(options.isMac);
  const go: MenuItemSpec[] = [
    { id: NAV_IDS.back, label: 'Back', accelerator: keys.back, click: () => options.navigate('back') },
    { id: NAV_IDS.forward, label: 'Forward', accelerator: keys.forward, click: () => options.navigate('forward') },
  ];
  return [
    ...(options.isMac ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [options.isMac ? { role: 'close' } : { role: 'quit' }] },
    // Without the edit roles, copy and paste do not work in text fields on macOS.
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { label: 'Go', submenu: go },
    {
      label: 'Window',
      submenu: [
        ...windowItems,
        { type: 'separator' },
        { role: 'minimize' },
        ...(options.isMac ? [{ role: 'zoom' as const }, { role: 'front' as const }] : [{ role: 'close' as const }]),
      ],
    },
  ];
}
