/**
 * The engine host as an Electron utilityProcess (forked by the main process). It imports no
 * electron module: `process.parentPort` is the only Electron-provided API it touches.
 */
import { Engine } from '../engine/engine';
import { parseDataKeyHandoff } from '../engine/secrets/handoff';
import { parseArgs, stringOption } from './args';
import { DEFAULT_SYNC_PORT, startSync } from './peer';
import { runDemoSimulator } from './demo-simulator';
import type { HostMessage, HostRequest } from './protocol';

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: HostMessage): void;
}

const DESKTOP_UNPROTECTED =
  '[engine] warning: the OS keychain is unavailable, so private keys and API keys are stored unencrypted (mode 0600)';

async function run(): Promise<void> {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (!port) throw new Error('engine-host must be started by the Electron main process (utilityProcess.fork)');
  const args = parseArgs(process.argv.slice(2));
  const dataDir = stringOption(args, 'data');
  if (!dataDir) throw new Error('engine-host needs --data DIR');

  // One listener for the whole life of the process: the port queues messages only until the first
  // listener exists. The first message is the data key (secrets/handoff.ts); calls come after 'ready'.
  let engine: Engine | null = null;
  let receiveKey: ((key: Uint8Array | null) => void) | null = null;
  const handedOver = new Promise<Uint8Array | null>((resolve) => (receiveKey = resolve));
  port.on('message', ({ data }) => {
    if (!engine) {
      let key: Uint8Array | null | undefined;
      try {
        key = parseDataKeyHandoff(data);
      } catch (error) {
        port.postMessage({ type: 'fatal', message: (error as Error).message });
        process.exit(1);
      }
      if (key !== undefined) receiveKey?.(key);
      return;
    }
    const call = data as HostRequest | undefined;
    if (call?.type !== 'call' || typeof call.id !== 'number') return;
    const live = engine;
    void live.dispatch(call.name, call.input).then((answer) =>
      port.postMessage(answer.ok ? { type: 'result', id: call.id, ok: true, result: answer.result } : { type: 'result', id: call.id, ok: false, error: answer.error }),
    );
  });

  const key = await handedOver;
  if (!key) console.error(DESKTOP_UNPROTECTED);
  try {
    engine = await Engine.open({ dataDir, dataKey: key ? { kind: 'raw', key } : null, role: 'the InfiniRoute desktop app' });
  } catch (error) {
    port.postMessage({ type: 'fatal', message: (error as Error).message });
    process.exit(1);
  }
  const opened = engine;
  opened.on((message) => port.postMessage({ type: 'event', event: message.event, payload: message.payload }));
  // Peer sync has its own listener, apart from this command relay (peers prove their keys there).
  // It never stops the engine: without it the app works offline and says so in sync.status.
  if (args.options['no-sync'] !== true) {
    startSync(opened, { lanHost: '0.0.0.0', port: DEFAULT_SYNC_PORT, fallback: true, mdns: true }).catch((error: unknown) =>
      console.error('[engine] peer sync is off:', (error as Error).message),
    );
  }
  const simulator = runDemoSimulator(opened);
  const stop = () => void simulator.close().then(() => opened.close()).finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  port.postMessage({ type: 'ready', dataDir: opened.dataDir });
}

void run();
