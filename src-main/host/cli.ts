import { resolve } from 'node:path';
import { generateApiDocs } from '../../src-shared/api-docs';
import { Engine } from '../engine/engine';
import { exportKeys } from '../engine/identity/identity';
import { PASSPHRASE_ENV, UNPROTECTED_WARNING, passphraseFromEnv, passphraseFromFile } from '../engine/secrets/passphrase';
import type { DataKey } from '../engine/secrets/secret-box';
import { openSecretFolder } from '../engine/secrets/secret-files';
import { seedDemo } from '../engine/seed/demo';
import { seedSynthetic } from '../engine/seed/seed-synthetic';
import { UsageError, intOption, parseArgs, rejectUnknown, stringOption, type ParsedArgs } from './args';
import { runLedger } from './cli-ledger';
import { defaultDataDir } from './data-dir';
import { generateToken, isLoopback, tokenProblem } from './http-auth';
import { serve } from './serve';
import { runDemoSimulator } from './demo-simulator';
import { PEER_HELP, SYNC_FLAGS, runPeer, startSync, syncOptionsOf } from './peer';
import { startSimulator, DEFAULT_SIMULATOR } from '../engine/providers/simulator';

export const HELP = `infiniroute — the InfiniRoute Marketplace engine, headless

Usage:
  infiniroute serve [--port 5317] [--host 127.0.0.1] [--data DIR] [--token T] [--passphrase-file F]
      Run the engine and serve the app to a browser: JSON-RPC 2.0 on POST /rpc, events on the
      /events WebSocket, the user window on /user.html and the producer console on /producer.html.
      /rpc and /events need the token (Authorization: Bearer T; at least 16 characters, from --token,
      else INFINIROUTE_TOKEN, else a random 256-bit one printed at start) or the page session that
      the printed URLs carry (one per start; it cannot call commands that reveal private keys).
      Peer sync listens apart from the command API: --sync-port (default 5319; if that is taken,
      a free one), on 127.0.0.1 until LAN sharing is on: --lan (or the Network screen, saved in
      the data folder) listens on --sync-host (default 0.0.0.0) and announces this peer with mDNS
      (--no-mdns: not). --no-sync to stay offline.
${PEER_HELP}
  infiniroute seed --demo [--data DIR]
      Create the demo marketplace (11 producers, 64 models, 10 tasks) in an empty data folder.
  infiniroute seed --synthetic N [--seed S] [--data DIR]
      Add N deterministic synthetic models (100 per producer) for benchmarks.
  infiniroute ledger export [--data DIR] > ledger.jsonl
      Write the whole ledger in the open JSON Lines format (docs/ledger-format.md).
  infiniroute ledger verify FILE
      Check an export offline: signatures, chains, double entry, device certificates, balances,
      checkpoints and proofs. Names the first bad entry and why, and exits 1; exits 0 when it holds.
  infiniroute identity export [--data DIR]
      Print this data folder's private keys (identity, device, treasury) as JSON, for a backup.
  infiniroute provider-sim [--port 5318] [--host 127.0.0.1] [--latency MS] [--fail-rate R] [--malformed-rate R] [--seed S]
      A local OpenAI-compatible endpoint (POST /v1/chat/completions, streaming or not) whose answers
      are labelled simulated. Rates are fractions 0..1. Model names ending in -fail, -slow,
      -malformed or -nousage behave so. The demo marketplace's endpoints point at port 5318.
  infiniroute docs-api
      Print docs/api.md, generated from the command contract.
  infiniroute help
      This text.

Data folder: --data DIR, else INFINIROUTE_DATA, else ${defaultDataDir()}.
Private keys and API keys are encrypted (AES-256-GCM) with a passphrase from --passphrase-file F
or ${PASSPHRASE_ENV}; without one they are stored unencrypted, mode 0600.`;

function dataDirOf(args: ParsedArgs): string {
  return resolve(stringOption(args, 'data') ?? process.env.INFINIROUTE_DATA ?? defaultDataDir());
}

/** The passphrase protecting the folder's secrets: --passphrase-file, else INFINIROUTE_PASSPHRASE, else none. */
async function dataKeyOf(args: ParsedArgs): Promise<DataKey | null> {
  const file = stringOption(args, 'passphrase-file');
  if (file === undefined) return passphraseFromEnv();
  const { dataKey, warning } = await passphraseFromFile(resolve(file));
  if (warning) console.error(warning);
  return dataKey;
}

async function withEngine<T>(args: ParsedArgs, work: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await Engine.open({ dataDir: dataDirOf(args), dataKey: await dataKeyOf(args), role: `infiniroute ${args.positional[0]}` });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

async function runServe(args: ParsedArgs): Promise<void> {
  rejectUnknown(args, ['port', 'host', 'data', 'token', 'passphrase-file', 'no-sync', 'no-demo-sim', ...SYNC_FLAGS]);
  const syncOptions = syncOptionsOf(args);
  const port = intOption(args, 'port', 5317, 0, 65_535);
  const host = stringOption(args, 'host', '127.0.0.1')!;
  const given = stringOption(args, 'token') ?? process.env.INFINIROUTE_TOKEN;
  const token = given ?? generateToken();
  const problem = tokenProblem(token);
  if (problem) throw new UsageError(problem);
  if (!isLoopback(host)) console.error(`warning: listening on ${host}: the command API is reachable beyond this machine (token required).`);
  const dataKey = await dataKeyOf(args);
  if (!dataKey) console.error(UNPROTECTED_WARNING);
  const engine = await Engine.open({ dataDir: dataDirOf(args), dataKey, role: 'infiniroute serve' });
  const running = await serve(engine, { port, host, token, rendererDir: resolve(import.meta.dirname, '../../out/renderer') });
  console.log(`InfiniRoute engine serving ${engine.dataDir}`);
  // The page gets a session for this start only, in the fragment (never sent to a server, stripped by the page).
  console.log(`Open: ${running.url}/user.html#session=${running.pageSession}`);
  console.log(`Producer console: ${running.url}/producer.html#session=${running.pageSession}`);
  if (given === undefined) console.log(`API token (HTTP clients: Authorization: Bearer): ${token}`);
  const simulator = args.options['no-demo-sim'] === true ? null : runDemoSimulator(engine);
  if (args.options['no-sync'] !== true) {
    const sync = await startSync(engine, syncOptions);
    console.log(`Peer sync: ${sync.host}:${sync.port} (peer key ${engine.keys.device.publicKey}; LAN sharing ${engine.sync.lan.on ? 'on' : 'off'})`);
  }
  const stop = async () => {
    await running.close();
    await simulator?.close();
    await engine.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function runSeed(args: ParsedArgs): Promise<void> {
  rejectUnknown(args, ['demo', 'synthetic', 'seed', 'data', 'passphrase-file']);
  if (args.options.demo === true) {
    const info = await withEngine(args, (engine) => seedDemo(engine));
    console.log(`Demo marketplace "${info.name}" created in ${dataDirOf(args)} (id ${info.id}).`);
    return;
  }
  if (args.options.synthetic !== undefined) {
    const count = intOption(args, 'synthetic', 0, 1, 1_000_000);
    const seed = intOption(args, 'seed', 1, 0, 2 ** 31);
    const started = Date.now();
    await withEngine(args, (engine) => seedSynthetic(engine, count, seed));
    console.log(`Added ${count} synthetic models (seed ${seed}) in ${Date.now() - started} ms.`);
    return;
  }
  throw new UsageError('seed needs --demo or --synthetic N');
}

function rateOption(args: ParsedArgs, name: string): number {
  const raw = stringOption(args, name);
  if (raw === undefined) return 0;
  const value = Number(raw);
  if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(raw) || !Number.isFinite(value)) throw new UsageError(`--${name} must be a fraction between 0 and 1, got "${raw}"`);
  return value;
}

async function runSimulator(args: ParsedArgs): Promise<void> {
  rejectUnknown(args, ['port', 'host', 'latency', 'fail-rate', 'malformed-rate', 'seed']);
  const sim = await startSimulator({
    port: intOption(args, 'port', DEFAULT_SIMULATOR.port, 0, 65_535),
    host: stringOption(args, 'host', DEFAULT_SIMULATOR.host)!,
    latencyMs: intOption(args, 'latency', DEFAULT_SIMULATOR.latencyMs, 0, 600_000),
    failRate: rateOption(args, 'fail-rate'),
    malformedRate: rateOption(args, 'malformed-rate'),
    seed: intOption(args, 'seed', DEFAULT_SIMULATOR.seed, 0, 2 ** 31),
  });
  console.log(`Provider simulator listening: ${sim.url} (answers are labelled simulated)`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function runIdentity(args: ParsedArgs): Promise<void> {
  rejectUnknown(args, ['data', 'passphrase-file']);
  if (args.positional[1] !== 'export') throw new UsageError('usage: infiniroute identity export [--data DIR]');
  // Decrypts for the export only: an export is no reason to re-write the folder's files.
  const folder = await openSecretFolder(dataDirOf(args), await dataKeyOf(args), { upgrade: false });
  console.log(JSON.stringify(await exportKeys(folder.files), null, 2));
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  const command = args.positional[0] ?? 'help';
  try {
    switch (command) {
      case 'serve':
        await runServe(args);
        return -1;
      case 'seed':
        await runSeed(args);
        return 0;
      case 'identity':
        await runIdentity(args);
        return 0;
      case 'ledger':
        return await runLedger(args);
      case 'peer':
        await runPeer(args, argv, async () => Engine.open({ dataDir: dataDirOf(args), dataKey: await dataKeyOf(args), role: 'infiniroute peer' }));
        return -1;
      case 'provider-sim':
        await runSimulator(args);
        return -1;
      case 'docs-api':
        process.stdout.write(generateApiDocs());
        return 0;
      case 'help':
      case '--help':
        console.log(HELP);
        return 0;
      default:
        if (args.options.help === true) {
          console.log(HELP);
          return 0;
        }
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`infiniroute: ${error.message}\nRun \`infiniroute --help\` for usage.`);
      return 2;
    }
    const code = (error as { code?: string }).code;
    console.error(`infiniroute: ${code ? `${code}: ` : ''}${(error as Error).message}`);
    return 1;
  }
}

const exitCode = await main(process.argv.slice(2));
if (exitCode >= 0) process.exit(exitCode);
