import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './web-preferences';
import { sizeFor, titleFor, type WindowKind } from './window-kinds';

export interface AppWindowOptions {
  preloadPath: string;
  url: string;
  onClosed(window: BrowserWindow): void;
}

export function createAppWindow(kind: WindowKind, options: AppWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...sizeFor(kind),
    title: titleFor(kind),
    // Shown once painted, so the user never sees a blank white frame.
    show: false,
    webPreferences: {
      ...secureWebPreferences(options.preloadPath),
      // Restated here, where the window is made, so static checkers (Electronegativity) see them;
      // test/security/electron-checklist.test.ts checks they equal secureWebPreferences().
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => options.onClosed(window));
  window.loadURL(options.url).catch((error: unknown) => console.error(`[shell] could not load ${options.url}`, error));
  return window;
}

export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
