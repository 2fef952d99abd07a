import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-shared/canonical-json';
import { Engine } from '../../src-main/engine/engine';
import { signBytes } from '../../src-main/engine/identity/keys';
import { draftOf, recordHash, signRecord, type SignedRecord } from '../../src-main/engine/records/signed';
import { LISTING } from '../catalog/helpers';
import { MaliciousPeer } from '../sync/malicious-peer';
import { addressOfPeer, call } from '../sync/helpers';
import { waitFor } from '../sync/processes';

/**
 * A record dated ahead of the receiver's clock (a metric report ten years ahead won every "latest"
 * rule) must neither take effect at once nor be refused for good (peers whose clocks differ would
 * then disagree forever): it is held, listed as held, and applied when local time reaches it, also
 * across a restart. An engine on a clock this test moves, a hostile peer on loopback.
 */
const SEED = Number(process.env.ADVERSARIAL_SEED ?? 1);
const MINUTE = 60_000;

const engines: Engine[] = [];
const attackers: MaliciousPeer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const attacker of attackers.splice(0)) await attacker.close();
  for (const engine of engines.splice(0)) await engine.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function open(dataDir: string, clock: () => number): Promise<Engine> {
  const engine = await Engine.open({ dataDir, validate: true, dataKey: null, clock });
  engines.push(engine);
  await engine.sync.listen('127.0.0.1', 0);
  engine.sync.goOnline({ mdns: false });
  return engine;
}

async function close(engine: Engine): Promise<void> {
  engines.splice(engines.indexOf(engine), 1);
  await engine.close();
}

/** The record's row in the Integrity list, or 'applied' once it took effect; null while neither. */
async function fate(engine: Engine, record: SignedRecord): Promise<{ status?: string; until?: number } | 'applied' | null> {
  const row = (await call(engine, 'integrity.quarantine', { limit: 500 })).items.find((q) => q.hash === record.hash);
  if (row) return row;
  return (await engine.dispatch('catalog.get', { id: record.payload.subject })).ok ? 'applied' : null;
}

describe('a record dated ahead of this clock', () => {
  it('is held, not applied or refused, then applied when local time reaches it, across a restart too', { timeout: 120_000 }, async () => {
    let now = Date.now();
    const clock = () => now;
    const dataDir = await mkdtemp(join(tmpdir(), 'ir-future-'));
    dirs.push(dataDir);
    let engine = await open(dataDir, clock);
    const market = await call(engine, 'marketplace.create', { name: 'Clocks' });
    const attacker = await MaliciousPeer.connect(addressOfPeer(engine), market.id);
    attackers.push(attacker);
    const listing = (slug: string, ts: number) =>
      signRecord(attacker.key, draftOf('listing', `${attacker.key.publicKey}:${slug}`, 1, { ...LISTING, slug, name: `Model ${slug}`, retired: false }, ts));
    // A few minutes of drift either way between the seeds' rounds: always past the allowed skew.
    const ahead = 60 * MINUTE + (SEED % 7) * MINUTE;
    const soon = listing('from-the-future', now + ahead);
    const later = listing('further-ahead', now + 3 * ahead);
    const doc = await waitFor('the victim to list its market document', () => attacker.open('market'));
    doc.change((d) => {
      d.records[soon.hash] = soon.bytes;
      d.records[later.hash] = later.bytes;
    });

    for (const record of [soon, later]) {
      const seen = await waitFor('the record to arrive', () => fate(engine, record), 30_000);
      expect(seen).toMatchObject({ status: 'held', until: record.payload.ts - 5 * MINUTE });
    }
    expect((await call(engine, 'sync.status')).counts.quarantined).toBe(0);

    // Local time reaches the first: it takes effect on the next read, the second still waits.
    now = soon.payload.ts - 5 * MINUTE;
    expect(await fate(engine, soon)).toBe('applied');
    expect(await fate(engine, later)).toMatchObject({ status: 'held' });

    // Held records live in the documents: a restart holds them again, then applies them on time.
    await attacker.close();
    attackers.splice(0);
    await close(engine);
    engine = await open(dataDir, clock);
    expect(await fate(engine, soon)).toBe('applied');
    expect(await fate(engine, later)).toMatchObject({ status: 'held' });
    now = later.payload.ts;
    expect(await fate(engine, later)).toBe('applied');
    expect((await call(engine, 'integrity.quarantine', {})).total).toBe(0);
  });

  it('in a newer record format (a later version\'s listing fields) is kept as pending, not quarantined as forged', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ir-future-'));
    dirs.push(dataDir);
    const engine = await open(dataDir, Date.now);
    const market = await call(engine, 'marketplace.create', { name: 'Formats' });
    const attacker = await MaliciousPeer.connect(addressOfPeer(engine), market.id);
    attackers.push(attacker);
    const current = signRecord(attacker.key, draftOf('listing', `${attacker.key.publicKey}:next`, 1, { ...LISTING, slug: 'next', retired: false }, Date.now()));
    // What a newer peer would sign: the same envelope (signature ‖ canonical JSON with v and author), v 2, a field v1 lacks.
    const body = new TextEncoder().encode(canonicalJson({ ...current.payload, v: 2, body: { ...LISTING, slug: 'next', retired: false, capabilities: ['streaming'] } }));
    const newer = new Uint8Array(64 + body.length);
    newer.set(signBytes(attacker.key, body), 0);
    newer.set(body, 64);
    const doc = await waitFor('the victim to list its market document', () => attacker.open('market'));
    doc.change((d) => {
      d.records[recordHash(newer)] = newer;
    });
    const row = await waitFor('the record to be listed', async () => (await call(engine, 'integrity.quarantine', {})).items.find((q) => q.hash === recordHash(newer)), 30_000);
    expect(row).toMatchObject({ status: 'pending', kind: 'listing', author: attacker.key.publicKey, reason: expect.stringMatching(/format v2 is newer/) });
    expect((await call(engine, 'sync.status')).counts.quarantined).toBe(0);
  });
});
