import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';
import { ENGINE_VERSION } from '../version';
import { producerKeyOf } from '../identity/identity';

export function systemHandlers(engine: Engine): Pick<Handlers, 'system.health' | 'settings.get' | 'settings.set'> {
  return {
    'system.health': async () => ({
      version: ENGINE_VERSION,
      dataDir: engine.dataDir,
      identity: {
        publicKey: engine.keys.identity.publicKey,
        deviceKey: engine.keys.device.publicKey,
        producerKey: producerKeyOf(engine.keys).publicKey,
        demoProducer: engine.keys.demoProducer !== null,
      },
      marketplace: engine.marketplace.info(),
      counts: {
        producers: engine.catalog.producerCount,
        models: engine.catalog.modelCount,
        records: engine.book.recordCount,
        quarantined: engine.book.quarantineCount,
      },
      startedAt: engine.startedAt,
    }),
    'settings.get': async () => engine.settings.get(),
    'settings.set': async (patch) => {
      const next = await engine.settings.update(patch);
      engine.emit('settings.changed', next);
      return next;
    },
  };
}
