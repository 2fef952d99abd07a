import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src-main/engine/engine';
import { generateSigningKey, signBytes, type SigningKey } from '../../src-main/engine/identity/keys';
import { encodeFrame } from '../../src-main/engine/journal/frames';
import { draftOf, recordHash, signRecord } from '../../src-main/engine/records/signed';
import { LISTING } from '../catalog/helpers';
import { MaliciousPeer } from '../sync/malicious-peer';
import { ServeProcess, waitFor } from '../sync/processes';

/**
 * Finding 1 (docs/security.md "### 1."): one validly signed record whose body nests 6,000 levels
 * deep stopped every peer that received it, at once and at every later start (`ledger export`
 * too); the same record with a tail naming `"kind":"batch"` made a whole incoming batch be dropped.
 * Driven through real `serve` processes, a protocol-following hostile peer on loopback, a journal
 * file on disk and the CLI.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEED = Number(process.env.ADVERSARIAL_SEED ?? 1);
const DEPTH = 6_000;

const peers: ServeProcess[] = [];
const attackers: MaliciousPeer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const attacker of attackers.splice(0)) await attacker.close();
  for (const peer of peers.splice(0)) await peer.destroy();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/**
 * Signature ‖ canonical JSON, built as text (a recursive encoder would overflow here too): keys in
 * order, so it is exactly what an honest encoder would make of such a value. `kind` sits after the
 * body, in the payload's last 160 bytes, where the batch pre-filter looks.
 */
function deepRecord(key: SigningKey, kind: string): Uint8Array {
  const text = `{"author":"${key.publicKey}","body":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)},"kind":"${kind}","seq":1,"subject":"${kind}:${key.publicKey}","ts":${Date.now()},"v":1}`;
  const body = new TextEncoder().encode(text);
  const bytes = new Uint8Array(64 + body.length);
  bytes.set(signBytes(key, body), 0);
  bytes.set(body, 64);
  return bytes;
}

/** `infiniroute ledger export` on a stopped data folder: exit code and the lines it wrote. */
async function ledgerExport(dataDir: string): Promise<{ code: number | null; lines: Array<{ type: string; hash?: string }>; stderr: string }> {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('INFINIROUTE_')) delete env[name];
  const child = spawn(process.execPath, ['bin/infiniroute.mjs', 'ledger', 'export', '--data', dataDir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const lines = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { type: string; hash?: string });
  return { code, lines, stderr };
}

async function quarantined(peer: ServeProcess, hash: string) {
  return (await peer.call('integrity.quarantine', { limit: 500 })).items.find((q) => q.hash === hash);
}

/** A `serve` process in a marketplace of its own with a ledger document, and a hostile peer connected to it. */
async function victimAndAttacker(): Promise<{ victim: ServeProcess; attacker: MaliciousPeer; marketId: string }> {
  const victim = await ServeProcess.start();
  peers.push(victim);
  const market = await victim.call('marketplace.create', { name: 'Deep records' });
  await victim.call('ledger.deposit', { amount: 5_000_000 });
  const attacker = await MaliciousPeer.connect(victim.syncAddress, market.id);
  attackers.push(attacker);
  return { victim, attacker, marketId: market.id };
}

describe('a record nested 6,000 levels deep', () => {
  it('from a hostile peer: quarantined with its reason; the peer keeps running, restarts, and `ledger export` works', { timeout: 180_000 }, async () => {
    const { victim, attacker, marketId } = await victimAndAttacker();
    const { name: ledgerDoc, handle } = await waitFor('the victim to list a ledger document', () => attacker.openFirst('ledger/'));
    const poison = deepRecord(attacker.key, 'profile');
    handle.change((d) => {
      d.records[recordHash(poison)] = poison;
    });
    const row = await waitFor('the deep record to be quarantined', () => quarantined(victim, recordHash(poison)), 30_000);
    expect(row).toMatchObject({ doc: ledgerDoc, reason: expect.stringMatching(/nests deeper than \d+ levels/) });
    expect((await victim.call('system.health')).marketplace?.id).toBe(marketId);

    // It is in the victim's documents now: the next start must read past it.
    await attacker.close();
    attackers.splice(attackers.indexOf(attacker), 1);
    await victim.stop();
    await victim.launch();
    expect(await quarantined(victim, recordHash(poison))).toMatchObject({ reason: expect.stringMatching(/nests deeper/) });
    expect((await victim.call('ledger.balance', {})).balance).toBe(5_000_000);
    await victim.stop();
    const exported = await ledgerExport(victim.dataDir);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.lines[0]).toMatchObject({ type: 'header' });
    expect(exported.lines.some((l) => l.hash === recordHash(poison))).toBe(true);
  });

  it('whose tail says "kind":"batch": quarantined, and the records that arrived with it take effect', { timeout: 120_000 }, async () => {
    const { victim, attacker } = await victimAndAttacker();
    const listings = ['alpha', 'beta', 'gamma'].map((slug) =>
      signRecord(attacker.key, draftOf('listing', `${attacker.key.publicKey}:${slug}`, 1, { ...LISTING, slug, name: `Model ${slug}`, retired: false }, Date.now())),
    );
    const batchTail = deepRecord(attacker.key, 'batch');
    const values: Array<[string, Uint8Array]> = listings.map((r) => [r.hash, r.bytes]);
    values.splice(SEED % (values.length + 1), 0, [recordHash(batchTail), batchTail]);
    const market = await waitFor('the victim to list its market document', () => attacker.open('market'));
    // One change: the deep record among validly signed listings, as one incoming batch.
    market.change((d) => {
      for (const [key, bytes] of values) d.records[key] = bytes;
    });
    for (const listing of listings) {
      await waitFor(`listing ${listing.payload.subject} to take effect`, async () => (await victim.call('catalog.get', { id: listing.payload.subject })).id === listing.payload.subject, 30_000);
    }
    expect(await quarantined(victim, recordHash(batchTail))).toMatchObject({ doc: 'market', reason: expect.stringMatching(/nests deeper than \d+ levels/) });
  });

  it('already in a data folder (a journal written before the fix): the engine starts and `ledger export` works', { timeout: 180_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ir-deep-'));
    dirs.push(dataDir);
    const engine = await Engine.open({ dataDir, dataKey: null });
    const created = await engine.dispatch('marketplace.create', { name: 'Deep folder' });
    expect(created.ok).toBe(true);
    expect((await engine.dispatch('ledger.deposit', { amount: 1_000_000 })).ok).toBe(true);
    const ledgerDoc = engine.docs.docNames().find((n) => n.startsWith('ledger/'))!;
    await engine.close();
    // What a crash would have left acknowledged in the journal, to be put back at the next start.
    const stranger = generateSigningKey();
    const frames = [
      { doc: ledgerDoc, bytes: deepRecord(stranger, 'ledger-entry') },
      { doc: 'market', bytes: deepRecord(stranger, 'batch') },
    ].sort(() => (SEED % 2 === 0 ? 1 : -1));
    await writeFile(join(dataDir, 'journal', '000000000999.log'), Buffer.concat(frames.map(encodeFrame)));

    const peer = await ServeProcess.start({ dataDir });
    peers.push(peer);
    const rows = (await peer.call('integrity.quarantine', { limit: 500 })).items;
    for (const { bytes } of frames) expect(rows.find((q) => q.hash === recordHash(bytes))).toMatchObject({ reason: expect.stringMatching(/nests deeper/) });
    expect((await peer.call('ledger.balance', {})).balance).toBe(1_000_000);
    await peer.stop();
    const exported = await ledgerExport(dataDir);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.lines.some((l) => l.hash === recordHash(frames.find((f) => f.doc === ledgerDoc)!.bytes))).toBe(true);
  });
});
