import type { z } from 'zod';
import type { LedgerCheckpointViewSchema, LedgerEntryView } from '../../../src-shared/ledger';
import type { AppliedEntry } from './ledger-index';
import type { StoredCheckpoint } from './ledger-state';

export type LedgerCheckpointView = z.infer<typeof LedgerCheckpointViewSchema>;

/** An applied entry as the contract shows it. */
export function entryView(entry: AppliedEntry): LedgerEntryView {
  const { body } = entry;
  return {
    hash: entry.hash,
    chain: entry.chain,
    seq: entry.seq,
    ts: entry.ts,
    id: body.id,
    kind: body.kind,
    prev: body.prev,
    postings: body.postings.map((p) => ({ account: p.account, amount: p.amount })),
    identity: body.identity,
    ...(body.memo ? { memo: body.memo } : {}),
    ...(body.note !== undefined ? { note: body.note } : {}),
  };
}

export function checkpointView(checkpoint: StoredCheckpoint): LedgerCheckpointView {
  const { record, body } = checkpoint;
  return { hash: record.hash, chain: body.chain, seq: record.payload.seq, ts: record.payload.ts, size: body.size, root: body.root };
}
