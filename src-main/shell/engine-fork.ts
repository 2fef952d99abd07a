import { utilityProcess } from 'electron';
import type { HostCallbacks, HostHandle } from './engine-supervisor';

export interface EngineForkOptions extends HostCallbacks {
  /** out/main/engine-host.js */
  modulePath: string;
  dataDir: string;
}

/**
 * Starts the engine host as a utilityProcess: a Node process Electron owns, so it dies with the
 * app and never blocks a window while it loads or syncs documents.
 */
export function forkEngineHost(options: EngineForkOptions): HostHandle {
  const child = utilityProcess.fork(options.modulePath, ['--data', options.dataDir], {
    serviceName: 'InfiniRoute engine',
    stdio: 'pipe',
  });
  // Piped output must be drained or the host blocks once the pipe buffer is full.
  child.stdout?.pipe(process.stdout);
  child.stderr?.pipe(process.stderr);
  child.on('message', (message: unknown) => options.onMessage(message));
  child.on('exit', (code) => options.onExit(code));
  // V8 fatal errors arrive here before the exit; the exit handler does the restarting.
  child.on('error', (type, location) => console.error(`[engine] ${type} at ${location}`));
  return {
    postMessage: (message) => child.postMessage(message),
    kill: () => {
      child.kill();
    },
  };
}
