/**
 * The webPreferences of every window. Declared here without Electron's types so the test can
 * check them in plain Node; BrowserWindow's options type still checks the shape in windows.ts.
 */
export interface SecureWebPreferences {
  readonly sandbox: true;
  readonly contextIsolation: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly webviewTag: false;
  readonly navigateOnDragDrop: false;
  readonly spellcheck: false;
  readonly disableBlinkFeatures: 'Auxclick';
  readonly preload: string;
}

/** The preload must be the CJS bundle: a sandboxed renderer cannot load an ES-module preload. */
export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  if (!preloadPath.endsWith('.cjs')) throw new Error(`Preload must be the CommonJS bundle (*.cjs), got ${preloadPath}`);
  return {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // Dropping a file on the window would otherwise navigate to file://, out of the app origin.
    navigateOnDragDrop: false,
    // The spellchecker downloads dictionaries from Google's CDN; the app stays local-first.
    spellcheck: false,
    // A middle click fires 'auxclick', which opens links past the click handlers the page relies on.
    disableBlinkFeatures: 'Auxclick',
    preload: preloadPath,
  };
}
