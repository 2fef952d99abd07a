import { decodeRecord, type SignedRecord } from '../records/signed';
import type { ExportContext } from './context';
import { EXPORT_FORMAT, EXPORT_VERSION, recordLine, type ConsistencyLine, type ExportLine, type RecordLine } from './export-format';
import { MerkleTree, leafHash } from './merkle';
import { verifyLedgerLines, type VerifyReport } from './verify-export';

/**
 * Builds the open export (docs/ledger-format.md) straight from the stored documents, not from the
 * in-memory state: an export (and ledger.verify, which verifies one) must show what is on disk,
 * including records the engine refused to apply.
 */
export function exportLines(ctx: ExportContext): ExportLine[] {
  const configs: SignedRecord[] = [];
  const certs: SignedRecord[] = [];
  const entries: SignedRecord[] = [];
  const checkpoints: SignedRecord[] = [];
  const undecodable: RecordLine[] = [];
  const seen = new Set<string>();
  for (const name of ctx.docs.docNames()) {
    const ledgerDoc = name.startsWith('ledger/');
    if (!ledgerDoc && name !== 'market' && !name.startsWith('identity/')) continue;
    for (const [, bytes] of ctx.docs.records(name)) {
      // Signatures are the verifier's job; here records are only sorted into place.
      const decoded = decodeRecord(bytes, null);
      const hash = decoded.ok ? decoded.record.hash : decoded.hash;
      if (seen.has(hash)) continue;
      seen.add(hash);
      if (!decoded.ok) {
        if (ledgerDoc) undecodable.push(recordLine(hash, bytes));
        continue;
      }
      const { kind, author } = decoded.record.payload;
      if (kind === 'marketplace-config' && author === ctx.marketplace.id) configs.push(decoded.record);
      else if (kind === 'device-cert') certs.push(decoded.record);
      else if (kind === 'ledger-entry') entries.push(decoded.record);
      else if (kind === 'ledger-checkpoint') checkpoints.push(decoded.record);
    }
  }
  const bySeq = (a: SignedRecord, b: SignedRecord) => a.payload.seq - b.payload.seq || (a.hash < b.hash ? -1 : 1);
  const byAuthor = (a: SignedRecord, b: SignedRecord) => (a.payload.author < b.payload.author ? -1 : a.payload.author > b.payload.author ? 1 : bySeq(a, b));
  const ordered = orderEntries(entries);
  checkpoints.sort(byAuthor);
  const records = [...configs.sort(bySeq), ...certs.sort(byAuthor), ...ordered, ...checkpoints];
  const lines: ExportLine[] = [
    { type: 'header', format: EXPORT_FORMAT, version: EXPORT_VERSION, marketplace: ctx.marketplace.id, exportedAt: ctx.clock(), records: records.length + undecodable.length },
    ...records.map((r) => recordLine(r.hash, r.bytes)),
    ...undecodable,
    ...consistencyLines(ordered, checkpoints),
  ];
  return lines;
}

/**
 * Entries by time across chains, but always in seq order within a chain (the verifier requires
 * it): each entry sorts at the latest time seen so far in its chain.
 */
function orderEntries(entries: SignedRecord[]): SignedRecord[] {
  const byChain = new Map<string, SignedRecord[]>();
  for (const e of entries) byChain.set(e.payload.author, [...(byChain.get(e.payload.author) ?? []), e]);
  const keyed: Array<{ at: number; record: SignedRecord }> = [];
  for (const list of byChain.values()) {
    list.sort((a, b) => a.payload.seq - b.payload.seq || (a.hash < b.hash ? -1 : 1));
    let at = 0;
    for (const record of list) {
      at = Math.max(at, record.payload.ts);
      keyed.push({ at, record });
    }
  }
  keyed.sort((a, b) => {
    const x = a.record.payload;
    const y = b.record.payload;
    return a.at - b.at || (x.author < y.author ? -1 : x.author > y.author ? 1 : x.seq - y.seq || (a.record.hash < b.record.hash ? -1 : 1));
  });
  return keyed.map((k) => k.record);
}

/** Consistency proofs between each chain's successive checkpoints, over the entries as stored. */
function consistencyLines(entries: SignedRecord[], checkpoints: SignedRecord[]): ConsistencyLine[] {
  const trees = new Map<string, MerkleTree>();
  for (const e of entries) {
    let tree = trees.get(e.payload.author);
    if (!tree) trees.set(e.payload.author, (tree = new MerkleTree()));
    // Only an unbroken run of seqs makes a tree; the verifier reports whatever breaks it.
    if (e.payload.seq === tree.size + 1) tree.push(leafHash(e.bytes));
  }
  const lines: ConsistencyLine[] = [];
  let previous = null as { chain: string; size: number } | null;
  for (const c of checkpoints) {
    const { chain, size } = c.payload.body as { chain: string; size: number };
    const tree = trees.get(chain);
    if (previous?.chain === chain && tree && previous.size > 0 && previous.size < size && size <= tree.size) {
      lines.push({ type: 'consistency', chain, first: previous.size, second: size, proof: tree.consistencyProof(previous.size, size).map((h) => h.toString('hex')) });
    }
    previous = { chain, size };
  }
  return lines;
}

export function exportJsonl(ctx: ExportContext): { jsonl: string; lines: number } {
  const lines = exportLines(ctx);
  return { jsonl: lines.map((l) => JSON.stringify(l)).join('\n') + '\n', lines: lines.length };
}

/** ledger.verify: the standalone verifier run over this engine's export, signatures included. */
export function verifyStoredLedger(ctx: ExportContext): VerifyReport {
  return verifyLedgerLines(exportLines(ctx), ctx.marketplace.id ? { marketplace: ctx.marketplace.id } : {});
}
