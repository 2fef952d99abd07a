import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, protocol, safeStorage, session } from 'electron';
import { ENGINE_STATUS_EVENT, type EventEnvelope } from '../preload/channels';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appOrigin, rendererUrl } from './app-origin';
import { createAppProtocolHandler } from './app-protocol';
import { DATA_KEY_FILE, keyFileAt, unlockDataKey, type SafeStoragePort } from './data-key';
import { forkEngineHost } from './engine-fork';
import { createEngineSupervisor } from './engine-supervisor';
import { broadcast, registerCallChannel } from './ipc';
import { buildMenuTemplate } from './menu';
import { hardenSession, hardenWebContents } from './security';
import { createWindowRegistry } from './window-registry';
import { createAppWindow, focusWindow } from './windows';

// Must happen before 'ready'. standard: real origins and relative URLs; secure: counts as a
// secure context like https, so the pages get the same web platform features as on https.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

const log = (message: string) => console.log(`[shell] ${message}`);

/** safeStorage as data-key.ts sees it: the one place the OS keychain is touched. */
const keychain: SafeStoragePort = {
  isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
  backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null),
  encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
  decrypt: (encrypted) => safeStorage.decryptStringAsync(Buffer.from(encrypted)),
};

function main(): void {
  // Two instances would run two engines on one data folder; the second hands over to the first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const here = import.meta.dirname;
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const origin = appOrigin(devServerUrl);

  const windows = createWindowRegistry<BrowserWindow>({
    create: (kind) =>
      createAppWindow(kind, {
        preloadPath: join(here, '../preload/index.cjs'),
        url: rendererUrl(kind, devServerUrl),
        onClosed: (window) => windows.forget(kind, window),
      }),
    isAlive: (window) => !window.isDestroyed(),
    focus: focusWindow,
  });

  const fanOut = (envelope: EventEnvelope) =>
    broadcast(
      windows.all().map((w) => w.webContents),
      [origin],
      envelope,
    );

  // Unwrapped once the app is ready (safeStorage needs it), before the engine first starts.
  let dataKey: Uint8Array | null = null;
  const engine = createEngineSupervisor({
    fork: (callbacks) =>
      forkEngineHost({
        modulePath: join(here, 'engine-host.js'),
        dataDir: join(app.getPath('userData'), 'data'),
        dataKey,
        ...callbacks,
      }),
    onEvent: (event, payload) => fanOut({ event, payload }),
    onStatus: (status) => fanOut({ event: ENGINE_STATUS_EVENT, payload: status }),
    log,
  });

  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { appOrigin: origin, openWindow: (kind) => windows.open(kind), log }),
  );
  app.on('second-instance', () => windows.open('user'));
  // On macOS the app (and its engine) stays running with no window, as Mac apps do.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady() && windows.all().length === 0) windows.open('user');
  });
  // Quitting waits (briefly) for the engine to close its documents; the second will-quit, after
  // the engine is gone, goes through.
  let engineStopped = false;
  app.on('will-quit', (event) => {
    if (engineStopped) return;
    event.preventDefault();
    void engine.stop().finally(() => {
      engineStopped = true;
      app.quit();
    });
  });

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession);
      const unlocked = await unlockDataKey({ storage: keychain, file: keyFileAt(join(app.getPath('userData'), DATA_KEY_FILE)) });
      if (!unlocked.ok) {
        dialog.showErrorBox('InfiniRoute cannot open its data', unlocked.message);
        app.exit(1);
        return;
      }
      if (unlocked.warning) log(unlocked.warning);
      dataKey = unlocked.key;
      protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: join(here, '../renderer') }));
      registerCallChannel({
        trustPolicy: () => ({ origins: [origin], windowIds: new Set(windows.all().map((w) => w.webContents.id)) }),
        forward: (name, input) => engine.call(name, input),
        log,
      });
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          buildMenuTemplate({
            isMac: process.platform === 'darwin',
            isDev: !app.isPackaged,
            openWindow: (kind) => windows.open(kind),
            navigate: (direction) => {
              // In-page (hash) entries only: every window stays on its one page (navigation.ts).
              const history = BrowserWindow.getFocusedWindow()?.webContents.navigationHistory;
              if (direction === 'back' && history?.canGoBack()) history.goBack();
              if (direction === 'forward' && history?.canGoForward()) history.goForward();
            },
          }),
        ),
      );
      engine.start();
      windows.open('user');
    })
    .catch((error: unknown) => {
      console.error('[shell] start-up failed', error);
      app.exit(1);
    });
}

main();
