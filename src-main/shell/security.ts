import { shell, type Session, type WebContents } from 'electron';
import { isNavigationAllowed, decideWindowOpen } from './navigation';
import { denyDevicePermission, denyPermissionCheck, denyPermissionRequest } from './permissions';
import { createUserActivation } from './user-activation';
import type { WindowKind } from './window-kinds';

/** No page of ours needs a browser permission; refuse all of them for the whole session. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyDevicePermission);
}

export interface WebContentsPolicy {
  appOrigin: string;
  openWindow(kind: WindowKind): void;
  log(message: string): void;
}

/**
 * Applied to every webContents Electron creates (app 'web-contents-created'), so no window,
 * popup or devtools page escapes it: navigation stays on the app origin, and window.open never
 * creates a window the shell did not choose.
 */
export function hardenWebContents(contents: WebContents, policy: WebContentsPolicy): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (isNavigationAllowed(url, [policy.appOrigin])) return;
    event.preventDefault();
    policy.log(`blocked navigation to ${url}`);
  };
  contents.on('will-navigate', (event, url) => guard(event, url));
  // will-navigate covers the top frame; this adds iframes without logging top-frame blocks twice.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) guard(event, event.url);
  });
  contents.on('will-redirect', (event, url) => guard(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());

  // Web links reach the system browser only right after a real click or key press (user-activation.ts).
  const activation = createUserActivation();
  contents.on('input-event', (_event, input) => activation.note(input.type));

  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url, policy.appOrigin);
    if (decision === 'user' || decision === 'producer') policy.openWindow(decision);
    else if (decision === 'external' && activation.consume()) void shell.openExternal(url);
    else policy.log(`blocked window.open of ${url}${decision === 'external' ? ' (no user click)' : ''}`);
    return { action: 'deny' };
  });
}
