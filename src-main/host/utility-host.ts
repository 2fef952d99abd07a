/**
 * The engine host as an Electron utilityProcess (forked by the main process). It imports no
 * electron module: `process.parentPort` is the only Electron-provided API it touches.
 */
import { Engine } from '../engine/engine';
import { parseArgs, stringOption } from './args';
import type { HostMessage, HostRequest } from './protocol';

interface ParentPort {
  on(event: 'message', listener: (message: { data: HostRequest }) => void): void;
  postMessage(message: HostMessage): void;
}

async function run(): Promise<void> {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (!port) throw new Error('engine-host must be started by the Electron main process (utilityProcess.fork)');
  const dataDir = stringOption(parseArgs(process.argv.slice(2)), 'data');
  if (!dataDir) throw new Error('engine-host needs --data DIR');
  let engine: Engine;
  try {
    engine = await Engine.open({ dataDir });
  } catch (error) {
    port.postMessage({ type: 'fatal', message: (error as Error).message });
    process.exit(1);
  }
  engine.on((message) => port.postMessage({ type: 'event', event: message.event, payload: message.payload }));
  port.on('message', ({ data }) => {
    if (data?.type !== 'call' || typeof data.id !== 'number') return;
    void engine.dispatch(data.name, data.input).then((answer) =>
      port.postMessage(answer.ok ? { type: 'result', id: data.id, ok: true, result: answer.result } : { type: 'result', id: data.id, ok: false, error: answer.error }),
    );
  });
  const stop = () => void engine.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  port.postMessage({ type: 'ready', dataDir: engine.dataDir });
}

void run();
