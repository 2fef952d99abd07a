import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine';
import { catalogDocOf } from '../../src-main/engine/catalog/publish';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { draftOf, recordHash, signRecord } from '../../src-main/engine/records/signed';
import { listing } from '../sync/helpers';
import { Fixture, ok } from './helpers';

const fx = new Fixture();
afterEach(() => fx.cleanup());

async function verifiedHashes(dir: string): Promise<string[]> {
  const bytes = await readFile(join(dir, 'verified.bin'));
  const hashes: string[] = [];
  for (let at = 0; at + 32 <= bytes.length; at += 32) hashes.push(bytes.toString('hex', at, at + 32));
  return hashes;
}

/** A record claiming this engine's identity, signed by another key, written into its catalog as a peer could. */
function plantForgery(engine: Engine): string {
  const me = engine.keys.identity.publicKey;
  const body = { name: 'Not me', description: '', contact: '', website: '' };
  const claimed = signRecord(engine.keys.identity, draftOf('profile', me, 77, body, 1));
  const forged = claimed.bytes.slice();
  forged.set(signRecord(generateSigningKey(), draftOf('profile', me, 77, body, 1)).bytes.subarray(0, 64), 0);
  const hash = recordHash(forged);
  engine.docs.write(engine.docs.documents().find((d) => d.name === catalogDocOf(me))!.url, [[hash, forged]]);
  return hash;
}

describe('signatures are verified once, not at every start', () => {
  it('a restart checks the hashes of what it verified before, and verifies nothing again', async () => {
    const dir = await fx.tempDir();
    const first = await fx.open(dir);
    await ok(first, 'marketplace.create', { name: 'Verified once' });
    for (let i = 0; i < 5; i++) await ok(first, 'models.publish', listing(`once-${i}`));
    const records = first.book.recordCount;
    await fx.close(first);
    expect((await verifiedHashes(dir)).length).toBeGreaterThanOrEqual(records);

    const again = await fx.open(dir);
    expect(again.book.recordCount).toBe(records);
    expect(again.book.signatureChecks).toBe(0);
    expect(again.book.quarantineCount).toBe(0);
  });

  it('never lists a record whose signature failed: it is quarantined at every start', async () => {
    const dir = await fx.tempDir();
    const first = await fx.open(dir);
    await ok(first, 'marketplace.create', { name: 'Forged' });
    await ok(first, 'models.publish', listing('real'));
    const forged = plantForgery(first);
    await fx.close(first);

    for (let start = 0; start < 2; start++) {
      const engine = await fx.open(dir);
      expect(engine.book.quarantine().map((row) => [row.hash, row.reason])).toEqual([[forged, `signature does not verify for author ${engine.keys.identity.publicKey}`]]);
      // Only the forgery: on a worker, then on the engine's thread for its precise reason.
      expect(engine.book.signatureChecks).toBe(2);
      await fx.close(engine);
      expect(await verifiedHashes(dir)).not.toContain(forged);
    }
  });

  it('ignores a torn last hash (that record is verified again) and a missing file', async () => {
    const dir = await fx.tempDir();
    const first = await fx.open(dir);
    await ok(first, 'marketplace.create', { name: 'Torn' });
    await ok(first, 'models.publish', listing('torn'));
    const records = first.book.recordCount;
    await fx.close(first);
    const path = join(dir, 'verified.bin');
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 5));
    const torn = await fx.open(dir);
    expect(torn.book.recordCount).toBe(records);
    expect(torn.book.signatureChecks).toBe(1);
    await fx.close(torn);
    expect((await stat(path)).size % 32).toBe(27);

    await writeFile(path, '');
    const empty = await fx.open(dir);
    expect(empty.book.signatureChecks).toBe(records);
    expect(empty.book.quarantineCount).toBe(0);
  });
});
