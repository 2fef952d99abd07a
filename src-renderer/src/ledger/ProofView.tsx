import type { CommandOutput } from '../../../src-shared/contract';
import { formatCount } from '../format/numbers';
import { formatDateTime } from '../format/time';
import { Row } from '../model/ModelMetrics';

type Proof = CommandOutput<'ledger.proof'>;

/**
 * The RFC 9162 inclusion proof as the engine gave it: the leaf's place in its chain's tree, the
 * sibling hashes from leaf to root, and the signed checkpoint that root is checked against.
 */
export function ProofView({ proof }: { proof: Proof }) {
  const checkpoint = proof.checkpoint;
  return (
    <div data-testid="entry-proof">
      <dl className="detail-grid">
        <Row label="Leaf index">
          <span data-testid="proof-index">{formatCount(proof.index)}</span> <span className="muted">(seq {proof.entry.seq})</span>
        </Row>
        <Row label="Tree size">
          <span data-testid="proof-size">{formatCount(proof.size)}</span>
        </Row>
        <Row label="Root">
          <code className="selectable hash" data-testid="proof-root">
            {proof.root}
          </code>
        </Row>
      </dl>
      <p className="muted proof-caption">
        {proof.proof.length === 0 ? 'No sibling hashes: the entry is the whole tree.' : `Audit path, ${proof.proof.length} sibling hashes from the leaf up:`}
      </p>
      {proof.proof.length > 0 && (
        <ol className="hash-list" data-testid="proof-hashes">
          {proof.proof.map((hash, i) => (
            <li key={`${i}:${hash}`}>
              <code className="selectable hash">{hash}</code>
            </li>
          ))}
        </ol>
      )}
      {checkpoint ? (
        <dl className="detail-grid" data-testid="proof-checkpoint">
          <Row label="Checkpoint">
            #{checkpoint.seq} · size {formatCount(checkpoint.size)} · signed {formatDateTime(checkpoint.ts)}
          </Row>
          <Row label="Signed root">
            <code className="selectable hash">{checkpoint.root}</code>
          </Row>
          <Row label="Checkpoint hash">
            <code className="selectable hash">{checkpoint.hash}</code>
          </Row>
        </dl>
      ) : (
        <p className="muted" data-testid="proof-no-checkpoint">
          No signed checkpoint covers this entry yet: the proof is against the chain&rsquo;s current tree head.
        </p>
      )}
    </div>
  );
}
