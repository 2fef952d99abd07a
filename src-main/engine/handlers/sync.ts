import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';
import type { JoinContext, SyncCommandContext } from '../sync/command-context';
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
  const commands: SyncCommandContext = { keys: engine.keys, marketplace: engine.marketplace, docs: engine.docs, book: engine.book, sync: engine.sync };
  const joining: JoinContext = {
    secrets: engine.secrets,
    clock: engine.clock,
    keys: engine.keys,
    docs: engine.docs,
    marketplace: engine.marketplace,
    sync: engine.sync,
    adoptMarketplace: (id) => engine.adoptMarketplace(id),
    adoptIdentity: (key) => engine.adoptIdentity(key),
    publish: (doc, records) => engine.publish(doc, records),
  };
  return {
    'sync.status': async () => syncStatus(commands, digests),
    'sync.peers': async () => engine.sync.peerViews(),
    'sync.connect': async ({ address, key }) => connectPeer(commands, address, key),
    'sync.disconnect': async (target) => disconnectPeer(commands, target),
    'sync.setLan': async ({ on }) => {
      await engine.sync.setLan(on);
      return syncStatus(commands, digests);
    },
    'integrity.quarantine': async (input) => quarantinePage(commands, input),
    'integrity.conflicts': async () => {
      const items = engine.sync.conflicts.list();
      return { total: items.length, items };
    },
    'integrity.truncations': async () => {
      const items = engine.sync.truncations.list();
      return { total: items.length, items };
    },
    'marketplace.invite': async ({ address }) => createInvite(joining, address),
    'marketplace.join': async ({ invite }) => joinMarketplace(joining, invite),
    'identity.linkDevice': async ({ address }) => createDeviceLink(joining, address),
  };
}
