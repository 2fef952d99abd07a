import { epochCloseSubject, MAX_CLOSE_HASHES, type EpochCloseBody } from '../../../src-shared/rewards';
import type { SigningKey } from '../identity/keys';
import { leafHash, treeRoot } from '../ledger/merkle';
import { draftOf, signRecord, type SignedRecord } from '../records/signed';

/** The document the treasury's epoch-close records live in (one per treasury, synced like any other). */
export const epochsDocOf = (treasuryKey: string): string => `epochs/${treasuryKey}`;

/** The RFC 9162 Merkle root over input hashes in ascending order (the ledger's tree: leaf = 0x00 ‖ hash bytes). */
export function inputsRoot(sortedHashes: readonly string[]): string {
  return treeRoot(sortedHashes.map((h) => leafHash(Buffer.from(h, 'hex')))).toString('hex');
}

/** One epoch's fixed inputs: a complete, consistent epoch-close. */
export interface FixedInputs {
  epoch: number;
  root: string;
  carryIn: number;
  hashes: ReadonlySet<string>;
  /** The close's part records, by part. */
  records: string[];
}

interface Part {
  hash: string;
  author: string;
  body: EpochCloseBody;
}

/**
 * Every epoch-close part held, grouped by epoch and root. An epoch is fixed by the complete close
 * (all parts, same count, carry and root, the root recomputing from the union) with the lowest root:
 * a treasury that signed two closes for one epoch gets the same choice on every peer.
 */
export class EpochCloses {
  private readonly parts = new Map<number, Map<string, Map<number, Part>>>();
  private readonly fixedCache = new Map<number, { treasury: string; fixed: FixedInputs | null }>();

  add(hash: string, author: string, body: EpochCloseBody): void {
    let byRoot = this.parts.get(body.epoch);
    if (!byRoot) this.parts.set(body.epoch, (byRoot = new Map()));
    let byPart = byRoot.get(body.root);
    if (!byPart) byRoot.set(body.root, (byPart = new Map()));
    const held = byPart.get(body.part);
    // Two records for one part of one root differ in carry, count or parts: keep the lower hash, as every peer does.
    if (!held || hash < held.hash) byPart.set(body.part, { hash, author, body });
    this.fixedCache.delete(body.epoch);
  }

  epochs(): number[] {
    return [...this.parts.keys()];
  }

  /** The epoch's fixed inputs under `treasury`, or null while no complete close by it is held. */
  fixed(epoch: number, treasury: string): FixedInputs | null {
    const cached = this.fixedCache.get(epoch);
    if (cached?.treasury === treasury) return cached.fixed;
    let best: FixedInputs | null = null;
    for (const [root, byPart] of [...(this.parts.get(epoch) ?? new Map<string, Map<number, Part>>())].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      best = complete(epoch, root, byPart, treasury);
      if (best) break;
    }
    this.fixedCache.set(epoch, { treasury, fixed: best });
    return best;
  }

  /** The newest epoch the treasury has closed here (closes go in epoch order: none is signed before it). */
  newestClosed(treasury: string): number {
    let newest = -1;
    for (const epoch of this.parts.keys()) if (epoch > newest && this.fixed(epoch, treasury)) newest = epoch;
    return newest;
  }
}

function complete(epoch: number, root: string, byPart: Map<number, Part>, treasury: string): FixedInputs | null {
  const first = byPart.get(0);
  if (!first) return null;
  const { parts, count, carryIn } = first.body;
  if (byPart.size !== parts) return null;
  const hashes: string[] = [];
  const records: string[] = [];
  for (let i = 0; i < parts; i++) {
    const part = byPart.get(i);
    if (!part || part.author !== treasury || part.body.parts !== parts || part.body.count !== count || part.body.carryIn !== carryIn) return null;
    // Parts are consecutive slices of one ascending list.
    if (hashes.length > 0 && part.body.hashes[0]! <= hashes[hashes.length - 1]!) return null;
    hashes.push(...part.body.hashes);
    records.push(part.hash);
  }
  if (hashes.length !== count || inputsRoot(hashes) !== root) return null;
  return { epoch, root, carryIn, hashes: new Set(hashes), records };
}

/** The treasury's close of one epoch over its input hashes, in parts of at most MAX_CLOSE_HASHES. */
export function closeRecords(treasury: SigningKey, epoch: number, carryIn: number, inputHashes: Iterable<string>, ts: number): SignedRecord[] {
  const hashes = [...new Set(inputHashes)].sort();
  const root = inputsRoot(hashes);
  const parts = Math.ceil(hashes.length / MAX_CLOSE_HASHES);
  const out: SignedRecord[] = [];
  for (let part = 0; part < parts; part++) {
    const body: EpochCloseBody = { epoch, carryIn, count: hashes.length, root, part, parts, hashes: hashes.slice(part * MAX_CLOSE_HASHES, (part + 1) * MAX_CLOSE_HASHES) };
    out.push(signRecord(treasury, draftOf('epoch-close', epochCloseSubject(epoch, part), 1, body, ts)));
  }
  return out;
}
