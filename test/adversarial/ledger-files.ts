import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey, signBytes, type SigningKey } from '../../src-main/engine/identity/keys';
import { recordLine } from '../../src-main/engine/ledger/export-format';
import { MerkleTree, leafHash } from '../../src-main/engine/ledger/merkle';
import { draftOf, signRecord, type SignedRecord } from '../../src-main/engine/records/signed';

/**
 * Ledger export files written by hand, as an attacker (or a careless tool) would, and the real
 * `infiniroute ledger verify` process run over them. Files use export version 1, which every
 * revision reads: what these tests check does not depend on the fork rule of version 2.
 */

const root = join(import.meta.dirname, '../..');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function verifyCli(file: string, ...args: string[]): CliRun {
  const run = spawnSync(process.execPath, [join(root, 'bin/infiniroute.mjs'), 'ledger', 'verify', file, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 170_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export class LedgerFiles {
  private readonly dirs: string[] = [];

  async write(name: string, lines: string[]): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'ir-ledger-file-'));
    this.dirs.push(dir);
    const file = join(dir, name);
    await writeFile(file, lines.join('\n') + '\n');
    return file;
  }

  async cleanup(): Promise<void> {
    for (const dir of this.dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  }
}

/** A marketplace of its own: the treasury key and its signed config (fee 5 %). */
export function market(): { treasury: SigningKey; config: SignedRecord } {
  const treasury = generateSigningKey();
  const config = signRecord(treasury, draftOf('marketplace-config', treasury.publicKey, 1, { name: 'File market', feeBps: 500, epochSeconds: 86_400, graceSeconds: 3_600 }, 1_000));
  return { treasury, config };
}

/** The next deposit of the treasury's chain. */
export function deposit(treasury: SigningKey, seq: number, prev: SignedRecord | null, to: string, amount: number): SignedRecord {
  const body = { id: `deposit-${seq}`, prev: prev?.hash ?? '0'.repeat(64), kind: 'deposit', identity: treasury.publicKey, postings: [{ account: 'treasury', amount: -amount }, { account: `user:${to}`, amount }] };
  return signRecord(treasury, draftOf('ledger-entry', `ledger:${treasury.publicKey}`, seq, body, 2_000 + seq));
}

/** A checkpoint of `chain` (its entries in seq order) over the first `size` entries. */
export function checkpoint(key: SigningKey, seq: number, entries: readonly SignedRecord[], size: number): SignedRecord {
  const tree = new MerkleTree(entries.slice(0, size).map((e) => leafHash(e.bytes)));
  return signRecord(key, draftOf('ledger-checkpoint', `checkpoint:${key.publicKey}`, seq, { chain: key.publicKey, size, root: tree.root(size).toString('hex') }, 5_000 + seq));
}

/** A record whose payload is whatever text is given, signed by `key` (canonical or not). */
export function rawRecord(key: SigningKey, payload: string): { hash: string; bytes: Uint8Array } {
  const body = Buffer.from(payload, 'utf8');
  const bytes = Buffer.concat([Buffer.from(signBytes(key, body)), body]);
  return { hash: createHash('sha256').update(bytes).digest('hex'), bytes };
}

/** The lines of a version 1 export: header, then each record as a line. */
export function exportLines(marketplace: string, records: ReadonlyArray<{ hash: string; bytes: Uint8Array }>, extra: string[] = []): string[] {
  return [
    JSON.stringify({ type: 'header', format: 'infiniroute-ledger', version: 1, marketplace, exportedAt: 9_000, records: records.length }),
    ...records.map((r) => JSON.stringify(recordLine(r.hash, r.bytes))),
    ...extra,
  ];
}
