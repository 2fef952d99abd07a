import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL, type EventEnvelope } from '../preload/channels';
import { isAppUrl } from './app-origin';
import { createCallRelay } from './call-relay';
import { isTrustedSender, type SenderInfo, type TrustPolicy } from './ipc-guard';

function senderInfo(event: IpcMainInvokeEvent): SenderInfo {
  // Reading senderFrame of a frame that has just gone away throws in recent Electron versions;
  // such a sender is simply not trusted.
  try {
    const frame = event.senderFrame;
    return { frameUrl: frame?.url, isMainFrame: frame != null && frame.parent === null, webContentsId: event.sender.id };
  } catch {
    return { frameUrl: null, isMainFrame: false, webContentsId: event.sender.id };
  }
}

export interface CallChannelDeps {
  trustPolicy(): TrustPolicy;
  forward(name: string, input: unknown): Promise<unknown>;
  log(message: string): void;
}

/** The only inbound IPC channel; every message passes the sender check before anything else. */
export function registerCallChannel(deps: CallChannelDeps): void {
  const relay = createCallRelay({
    isTrusted: (sender) => isTrustedSender(sender, deps.trustPolicy()),
    forward: deps.forward,
    onRefused: (sender, reason) => deps.log(`refused IPC from ${sender.frameUrl ?? 'unknown frame'}: ${reason}`),
  });
  ipcMain.handle(CALL_CHANNEL, (event, name: unknown, input: unknown) => relay(senderInfo(event), name, input));
}

/** Sends one event to every listed window that is still showing an app page. */
export function broadcast(targets: readonly WebContents[], origins: readonly string[], envelope: EventEnvelope): void {
  for (const contents of targets) {
    if (contents.isDestroyed() || !isAppUrl(contents.getURL(), origins)) continue;
    contents.send(EVENT_CHANNEL, envelope);
  }
}
