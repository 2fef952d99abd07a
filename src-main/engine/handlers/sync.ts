import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';
import { connectPeer, DigestCache, disconnectPeer, quarantinePage, syncStatus } from '../sync/commands';
import { createDeviceLink, createInvite, joinMarketplace } from '../sync/join';

type SyncCommands =
  | 'sync.status'
  | 'sync.peers'
  | 'sync.connect'
  | 'sync.disconnect'
  | 'sync.setLan'
  | 'integrity.quarantine'
  | 'integrity.conflicts'
  | 'integrity.truncations'
  | 'marketplace.invite'
  | 'marketplace.join'
  | 'identity.linkDevice';

export function syncHandlers(engine: Engine): Pick<Handlers, SyncCommands> {
  const digests = new DigestCache();
  return {
    'sync.status': async () => syncStatus(engine, digests),
    'sync.peers': async () => engine.sync.peerViews(),
    'sync.connect': async ({ address, key }) => connectPeer(engine, address, key),
    'sync.disconnect': async (target) => disconnectPeer(engine, target),
    'sync.setLan': async ({ on }) => {
      await engine.sync.setLan(on);
      return syncStatus(engine, digests);
    },
    'integrity.quarantine': async (input) => quarantinePage(engine, input),
    'integrity.conflicts': async () => {
      const items = engine.sync.conflicts.list();
      return { total: items.length, items };
    },
    'integrity.truncations': async () => {
      const items = engine.sync.truncations.list();
      return { total: items.length, items };
    },
    'marketplace.invite': async ({ address }) => createInvite(engine, address),
    'marketplace.join': async ({ invite }) => joinMarketplace(engine, invite),
    'identity.linkDevice': async ({ address }) => createDeviceLink(engine, address),
  };
}
