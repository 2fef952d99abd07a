import type { Engine } from '../engine/engine';
import { createMarketplace, DEFAULT_CONFIG } from '../engine/marketplace/create';
import { addressOf, syncUrlOf } from '../engine/sync/invite';
import { LOOPBACK_HOST, type NetworkOptions } from '../engine/sync/lan';
import { createInvite, joinMarketplace } from '../engine/sync/join';
import { PublicKeySchema } from '../../src-shared/ids';
import { SyncAddressSchema } from '../../src-shared/sync';
import { UsageError, intOption, rejectUnknown, stringOption, type ParsedArgs } from './args';
import { isLoopback } from './http-auth';

/** The sync listener's default port (the command API's is 5317, the provider simulator's 5318). */
export const DEFAULT_SYNC_PORT = 5319;

/** The options `serve` takes for peer sync (the desktop's engine host uses the same defaults). */
export const SYNC_FLAGS = ['sync-port', 'sync-host', 'lan', 'no-mdns'] as const;

/**
 * Starts peer sync in a host (serve, the desktop's engine host, the relay): the sync listener, the
 * redialling of known peers and, with LAN sharing on, LAN discovery. The listener is on 127.0.0.1
 * until LAN sharing is turned on (the Network screen, `sync.setLan`, `--lan`); a relay always has it on.
 */
export function startSync(engine: Engine, options: NetworkOptions): Promise<{ host: string; port: number }> {
  return engine.sync.startNetwork(options);
}

/** `serve`'s sync flags: --sync-port, --sync-host (the address while LAN sharing is on), --lan, --no-mdns. */
export function syncOptionsOf(args: ParsedArgs): NetworkOptions {
  const lanHost = stringOption(args, 'sync-host', '0.0.0.0')!;
  const lan = args.options.lan === true ? true : undefined;
  if (args.options.lan !== undefined && lan === undefined) throw new UsageError('--lan takes no value');
  if (lan === undefined && args.options['sync-host'] !== undefined && !isLoopback(lanHost)) {
    console.error(`note: peer sync listens on ${LOOPBACK_HOST} until LAN sharing is on (--lan, or the Network screen); then on ${lanHost}`);
  }
  return {
    port: intOption(args, 'sync-port', DEFAULT_SYNC_PORT, 0, 65_535),
    fallback: args.options['sync-port'] === undefined,
    lanHost,
    mdns: args.options['no-mdns'] !== true,
    ...(lan ? { lan } : {}),
  };
}

/** Every value of a repeatable option (`--peer A --peer B`): parseArgs keeps only the last. */
export function repeated(argv: readonly string[], name: string): string[] {
  const values: string[] = [];
  argv.forEach((word, i) => {
    if (word === `--${name}` && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) values.push(argv[i + 1]!);
    else if (word.startsWith(`--${name}=`)) values.push(word.slice(name.length + 3));
  });
  return values;
}

export const PEER_HELP = `  infiniroute peer [--port 5319] [--host 0.0.0.0] [--data DIR] [--peer ADDR]...
                   [--create NAME | --join INVITE | --marketplace ID] [--advertise ADDR] [--no-mdns]
                   [--behind-proxy]
      An always-on relay peer: no window, no command API, only peer sync. Desktops that are never
      online at the same time exchange their documents through it. It joins one marketplace: it
      creates it (--create, and holds its treasury), joins it by invite, or is pinned to its id.
      --peer ADDR (host:port, repeatable) are peers it keeps dialling. It prints an invite naming
      --advertise ADDR (default: this machine's LAN address) for desktops to join with.
      --behind-proxy: a TLS proxy on this machine forwards the peers; the per-address connection
      limits then count each peer by the X-Forwarded-For address the proxy sets.`;

/** `infiniroute peer`: the headless relay. Runs until SIGINT / SIGTERM. */
export async function runPeer(args: ParsedArgs, argv: readonly string[], open: () => Promise<Engine>): Promise<void> {
  rejectUnknown(args, ['port', 'host', 'data', 'peer', 'create', 'join', 'marketplace', 'advertise', 'no-mdns', 'passphrase-file', 'behind-proxy']);
  const port = intOption(args, 'port', DEFAULT_SYNC_PORT, 0, 65_535);
  const host = stringOption(args, 'host', '0.0.0.0')!;
  const peers = repeated(argv, 'peer');
  for (const address of peers) if (!SyncAddressSchema.safeParse(address).success) throw new UsageError(`--peer must be host:port or a ws:// URL, got "${address}"`);
  const advertise = stringOption(args, 'advertise');
  if (advertise !== undefined && !SyncAddressSchema.safeParse(advertise).success) throw new UsageError('--advertise must be host:port or a ws:// URL');
  const pinned = stringOption(args, 'marketplace');
  if (pinned !== undefined && !PublicKeySchema.safeParse(pinned).success) throw new UsageError('--marketplace must be a marketplace id (its treasury key)');
  const engine = await open();
  try {
    const create = stringOption(args, 'create');
    if (create !== undefined && engine.marketplace.id === null) await createMarketplace(engine, { name: create, ...DEFAULT_CONFIG });
    if (pinned !== undefined && engine.marketplace.id === null) await engine.adoptMarketplace(pinned);
    if (pinned !== undefined && engine.marketplace.id !== pinned) throw new UsageError(`this data folder belongs to marketplace ${engine.marketplace.id}`);
    // A relay is there to be reached: LAN sharing is always on for it, whatever the folder saved.
    const listening = await startSync(engine, { lanHost: host, port, fallback: false, mdns: args.options['no-mdns'] !== true, lan: true, behindProxy: args.options['behind-proxy'] === true });
    const join = stringOption(args, 'join');
    if (join !== undefined) await joinMarketplace(engine, join);
    if (engine.marketplace.id === null) throw new UsageError('a relay serves one marketplace: start it with --create NAME, --join INVITE or --marketplace ID');
    for (const address of peers) engine.sync.peers.upsert({ address, source: 'manual' });
    console.log(`InfiniRoute relay peer listening on ${syncUrlOf(addressOf(listening.host, listening.port))}`);
    console.log(`Peer key: ${engine.keys.device.publicKey}`);
    console.log(`Marketplace: ${engine.marketplace.id}`);
    console.log(`Invite: ${createInvite(engine, advertise).invite}`);
  } catch (error) {
    await engine.close();
    throw error;
  }
  const stop = () => void engine.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
