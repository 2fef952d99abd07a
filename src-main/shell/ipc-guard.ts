import { isAppUrl } from './app-origin';

/** What the shell knows about who sent an IPC message, taken off the Electron event. */
export interface SenderInfo {
  /** event.senderFrame?.url; missing when the frame has navigated away or been destroyed. */
  frameUrl: string | null | undefined;
  /** Whether the sending frame is its window's top frame (not an iframe). */
  isMainFrame: boolean;
  /** event.sender.id */
  webContentsId: number;
}

export interface TrustPolicy {
  origins: readonly string[];
  /** webContents ids of the windows this shell created. */
  windowIds: ReadonlySet<number>;
}

/**
 * Checked on every IPC message: only the top frame of one of our own windows, currently showing
 * an app page, may talk to the engine. An iframe, a devtools extension page or a window that
 * navigated elsewhere gets nothing.
 */
export function isTrustedSender(sender: SenderInfo, policy: TrustPolicy): boolean {
  return sender.isMainFrame && policy.windowIds.has(sender.webContentsId) && isAppUrl(sender.frameUrl, policy.origins);
}
