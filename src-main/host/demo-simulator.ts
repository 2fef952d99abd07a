import type { Engine } from '../engine/engine';
import { DEFAULT_SIMULATOR, startSimulator } from '../engine/providers/simulator';

/**
 * A demo folder's models answer at the provider simulator's default address, so the host starts
 * the simulator beside the engine (now, or when the demo is opened later from the onboarding
 * screen). A busy port is reported, not fatal: another simulator may already be serving it.
 */
export function runDemoSimulator(engine: Engine, log: (line: string) => void = console.log): { close(): Promise<void> } {
  let running: Awaited<ReturnType<typeof startSimulator>> | null = null;
  let starting = false;
  const ensure = () => {
    if (!engine.demo || running || starting) return;
    starting = true;
    startSimulator({ port: DEFAULT_SIMULATOR.port, host: DEFAULT_SIMULATOR.host })
      .then((sim) => {
        running = sim;
        log(`Demo endpoints: provider simulator at ${sim.url} (answers are labelled simulated)`);
      })
      .catch((error: NodeJS.ErrnoException) => log(`Demo provider simulator not started: ${error.code === 'EADDRINUSE' ? `port ${DEFAULT_SIMULATOR.port} is in use` : error.message}`))
      .finally(() => {
        starting = false;
      });
  };
  ensure();
  const unsubscribe = engine.on((message) => {
    if (message.event === 'marketplace.changed' || message.event === 'catalog.changed') ensure();
  });
  return {
    close: async () => {
      unsubscribe();
      await running?.close();
    },
  };
}
