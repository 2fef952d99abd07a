import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatCredits } from '../../src-shared/money';
import { Engine } from '../engine/engine';
import { exportLines } from '../engine/ledger/export';
import { describeProblem, verifyLedgerExport, type VerifyReport } from '../engine/ledger/verify-export';
import { UsageError, rejectUnknown, stringOption, type ParsedArgs } from './args';
import { defaultDataDir } from './data-dir';
import { exportThroughHolder } from './live-export';

export const LEDGER_HELP = `infiniroute ledger — the transparent ledger, offline

Usage:
  infiniroute ledger export [--data DIR] > ledger.jsonl
      Write the whole ledger of a data folder in the open JSON Lines format (docs/ledger-format.md).
  infiniroute ledger verify FILE [--marketplace ID] [--json]
      Verify an export with nothing but the file: signatures, hash chains, double entry, device
      certificates, treasury-only deposits, non-negative user balances (exact), checkpoints and
      proofs, records that appear twice; forked chains and the deficits the treasury absorbed are
      listed. FILE may be - for stdin. Exit 0 and a summary when it holds; exit 1 naming the first
      bad entry (line, chain, seq, hash, id) and why when it does not. --json: the whole report,
      amounts as decimal strings.`;

async function readInput(file: string): Promise<string> {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function summary(report: VerifyReport): string {
  const users = Object.entries(report.balances).filter(([a]) => a.startsWith('user:'));
  const producers = Object.entries(report.balances).filter(([a]) => a.startsWith('producer:'));
  return [
    `OK: ledger of marketplace ${report.marketplace ?? '(none)'} verifies.`,
    `  ${report.records} records: ${report.entries} entries in ${report.chains} chains, ${report.checkpoints} checkpoints, ${report.consistencyProofs} consistency proofs`,
    `  deposited ${formatCredits(report.supply)} cr; ${users.length} users hold ${formatCredits(users.reduce((t, [, b]) => t + b, 0n))} cr; ` +
      `${producers.length} producers earned ${formatCredits(producers.reduce((t, [, b]) => t + b, 0n))} cr; reward pool ${formatCredits(report.pool)} cr`,
    ...forkLines(report),
  ].join('\n');
}

/** Forks and the deficits the treasury absorbed, shown whether or not the rest verifies. */
function forkLines(report: VerifyReport): string[] {
  return [
    ...report.forks.map((f) => `  forked chain ${f.chain} at seq ${f.seq}: that device key is frozen; every entry it signed counts`),
    ...report.deficits.map((d) => `  deficit of ${d.account}: ${formatCredits(d.amount)} cr, absorbed by treasury`),
  ];
}

/** JSON of a report: exact amounts as decimal strings (JSON numbers stop being exact past 2^53). */
export function reportJson(report: VerifyReport): string {
  return JSON.stringify(report, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2);
}

async function runExport(args: ParsedArgs): Promise<number> {
  rejectUnknown(args, ['data']);
  const dataDir = resolve(stringOption(args, 'data') ?? process.env.INFINIROUTE_DATA ?? defaultDataDir());
  if (await exportThroughHolder(dataDir, (line) => process.stdout.write(line))) return 0;
  // Opening a folder that holds no engine would create a new identity in it: refuse instead.
  await access(join(dataDir, 'root.json')).catch(() => {
    throw new UsageError(`${dataDir} holds no InfiniRoute data`);
  });
  const engine = await Engine.open({ dataDir, role: 'infiniroute ledger export' });
  try {
    for (const line of exportLines(engine)) process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    await engine.close();
  }
  return 0;
}

async function runVerify(args: ParsedArgs): Promise<number> {
  rejectUnknown(args, ['marketplace', 'json']);
  const file = args.positional[2];
  if (!file) throw new UsageError('usage: infiniroute ledger verify FILE [--marketplace ID] [--json]');
  const marketplace = stringOption(args, 'marketplace');
  const report = verifyLedgerExport(await readInput(file), marketplace ? { marketplace } : {});
  if (args.options.json === true) {
    console.log(reportJson(report));
  } else if (report.ok) {
    console.log(summary(report));
  } else {
    const [first, ...rest] = report.problems;
    console.log(`FAILED: ${describeProblem(first!)}`);
    if (rest.length > 0) console.log(`  and ${rest.length} more problem(s):\n${rest.slice(0, 20).map((p) => `  ${describeProblem(p)}`).join('\n')}`);
    for (const line of forkLines(report)) console.log(line);
  }
  return report.ok ? 0 : 1;
}

/** `infiniroute ledger …`: dispatched from cli.ts. */
export async function runLedger(args: ParsedArgs): Promise<number> {
  switch (args.positional[1]) {
    case 'export':
      return runExport(args);
    case 'verify':
      return runVerify(args);
    case undefined:
    case 'help':
      console.log(LEDGER_HELP);
      return 0;
    default:
      throw new UsageError(`unknown ledger command "${args.positional[1]}" (export or verify)`);
  }
}
