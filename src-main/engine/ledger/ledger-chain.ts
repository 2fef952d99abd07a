import { entryContextViolation } from './entry-rules';
import type { Chain, ChainEffects } from './ledger-fork';
import type { AppliedEntry } from './ledger-index';
import { leafHash } from './merkle';

/**
 * A chain that never forked, as LedgerState evaluates it: entries apply in seq order up to the first
 * break (a gap, a wrong prev, an uncertified device, a wrong fee), which blocks what comes after it.
 */
export function advanceChain(chain: Chain, effects: ChainEffects): void {
  const authority = effects.authority();
  for (;;) {
    const seq = chain.applied.length + 1;
    const at = chain.records.get(seq);
    if (!at) {
      if (chain.maxSeq > seq) chain.blocked = { seq, hash: null, kind: 'chain', reason: `entry ${seq} is missing: entries up to ${chain.maxSeq} wait for it` };
      return;
    }
    const { record, body } = at[0]!;
    const previous = chain.applied[chain.applied.length - 1] ?? null;
    const broken = entryContextViolation(record.payload, body, { ...authority, previous, idTaken: chain.ids.has(body.id) });
    if (broken) {
      chain.blocked = { seq, hash: record.hash, ...broken };
      return;
    }
    const entry: AppliedEntry = { hash: record.hash, record, body, chain: chain.key, seq, ts: record.payload.ts, kind: body.kind };
    chain.applied.push(entry);
    chain.ids.set(body.id, entry);
    chain.tree.push(leafHash(record.bytes));
    effects.count(entry);
  }
}

/** Takes a chain back to before `fromSeq` (a new fee config may change what holds from there). */
export function rollbackChain(chain: Chain, fromSeq: number, effects: ChainEffects): void {
  for (const entry of chain.applied.splice(fromSeq - 1)) {
    effects.uncount(entry);
    chain.ids.delete(entry.body.id);
  }
  chain.tree.truncate(fromSeq - 1);
}
