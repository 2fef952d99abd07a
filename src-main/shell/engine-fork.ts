import { utilityProcess } from 'electron';
import { dataKeyHandoff } from '../engine/secrets/handoff';
import type { HostCallbacks, HostHandle } from './engine-supervisor';

export interface EngineForkOptions extends HostCallbacks {
  /** out/main/engine-host.js */
  modulePath: string;
  dataDir: string;
  /** The unwrapped data key (data-key.ts), or null when the OS keychain is unavailable. */
  dataKey: Uint8Array | null;
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
  // The data key goes in the first message, never argv or the environment (secrets/handoff.ts);
  // the child's port queues it until the host listens.
  child.postMessage(dataKeyHandoff(options.dataKey));
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
