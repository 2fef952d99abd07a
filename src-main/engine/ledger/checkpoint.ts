import { AppError } from '../../../src-shared/errors';
import type { LedgerEntryView } from '../../../src-shared/ledger';
import type { SigningKey } from '../identity/keys';
import { draftOf, signRecord } from '../records/signed';
import type { CheckpointContext } from './context';
import { checkpointSubject, ledgerDocName } from './entry-rules';
import { leafHash, verifyInclusion } from './merkle';
import { checkpointView, entryView, type LedgerCheckpointView } from './views';

export interface CheckpointAnswer {
  checkpoint: LedgerCheckpointView;
  previous: LedgerCheckpointView | null;
  consistency: string[];
}

/**
 * Signs a tree head of one chain (default: this device's) over its valid prefix, with the proof that
 * it extends the chain's previous checkpoint. Runs in the chain's append queue so the size it signs
 * is the chain as it stands, not half an append.
 */
export async function signCheckpoint(ctx: CheckpointContext, signer: { key: SigningKey; identity: string } = { key: ctx.keys.device, identity: ctx.keys.identity.publicKey }): Promise<CheckpointAnswer> {
  const chain = signer.key.publicKey;
  const { ledger } = ctx;
  return ledger.writes.run(chain, async () => {
    const tree = ledger.tree(chain);
    const size = tree.size;
    const previous = ledger.checkpoints(chain).at(-1) ?? null;
    const ts = Math.max(ctx.clock(), previous?.record.payload.ts ?? 0);
    const seq = (previous?.record.payload.seq ?? 0) + 1;
    const body = { chain, size, root: tree.root().toString('hex') };
    const record = signRecord(signer.key, draftOf('ledger-checkpoint', checkpointSubject(chain), seq, body, ts));
    await ctx.publisher.publish(ledgerDocName(signer.identity, ts), [record]);
    const extendsPrevious = previous !== null && previous.body.size <= size;
    return {
      checkpoint: checkpointView({ record, body }),
      previous: previous ? checkpointView(previous) : null,
      consistency: extendsPrevious ? tree.consistencyProof(previous.body.size, size).map((h) => h.toString('hex')) : [],
    };
  });
}

export interface ProofAnswer {
  entry: LedgerEntryView;
  index: number;
  size: number;
  root: string;
  proof: string[];
  checkpoint: LedgerCheckpointView | null;
  verified: boolean;
}

/**
 * The inclusion proof of one entry against the latest checkpoint of its chain that covers it, or
 * against the chain as it stands when none does. `verified` also requires the checkpoint's signed
 * root to be the root the entries hash to.
 */
export function proveEntry(ctx: CheckpointContext, hash: string): ProofAnswer {
  const entry = ctx.ledger.entry(hash);
  if (!entry) throw new AppError('NOT_FOUND', `No ledger entry with hash ${hash}`, { hash });
  const tree = ctx.ledger.tree(entry.chain);
  if (entry.seq > tree.size || !tree.leaf(entry.seq - 1).equals(leafHash(entry.record.bytes))) {
    throw new AppError('CONFLICT', `Entry ${hash} counts, but it lies past the fork of its chain (a frozen key), where no single tree holds it`, { hash, chain: entry.chain });
  }
  const covering = ctx.ledger.checkpoints(entry.chain).filter((c) => c.body.size >= entry.seq && c.body.size <= tree.size);
  const checkpoint = covering.at(-1) ?? null;
  const size = checkpoint?.body.size ?? tree.size;
  const index = entry.seq - 1;
  const proof = tree.inclusionProof(index, size);
  const root = tree.root(size);
  const verified = verifyInclusion(tree.leaf(index), index, size, proof, root) && (checkpoint === null || checkpoint.body.root === root.toString('hex'));
  return {
    entry: entryView(entry),
    index,
    size,
    root: root.toString('hex'),
    proof: proof.map((h) => h.toString('hex')),
    checkpoint: checkpoint ? checkpointView(checkpoint) : null,
    verified,
  };
}
