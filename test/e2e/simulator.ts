import { DEFAULT_SIMULATOR, startSimulator } from '../../src-main/engine/providers/simulator';

export interface DemoSimulator {
  /** Right before a call: makes sure the simulator answers on the demo's port, serving it from this process if nothing does. */
  ensure(): Promise<void>;
  /** Stops the simulator this process started, if it started one. */
  close(): Promise<void>;
}

/**
 * The demo's endpoints are the provider simulator on 127.0.0.1:5318, started by whichever demo
 * host bound the port first. Hosts of other specs come and go in parallel, so a spec that calls a
 * model checks right before the call that something answers there.
 */
export function demoSimulator(): DemoSimulator {
  let own: Awaited<ReturnType<typeof startSimulator>> | null = null;
  return {
    async ensure() {
      try {
        const response = await fetch(`http://${DEFAULT_SIMULATOR.host}:${DEFAULT_SIMULATOR.port}/v1/models`, { signal: AbortSignal.timeout(1_000) });
        if (response.headers.get('x-infiniroute-simulated') === '1') return;
      } catch {
        // Nothing listening: start one below.
      }
      try {
        own = await startSimulator({ port: DEFAULT_SIMULATOR.port, host: DEFAULT_SIMULATOR.host });
      } catch (error) {
        // Another host bound it in the meantime: it serves the same answers.
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      }
    },
    async close() {
      const running = own;
      own = null;
      await running?.close();
    },
  };
}
