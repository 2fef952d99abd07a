import type { ModelScore, RewardParams } from '../../../../src-shared/rewards';
import { formatCount } from '../../format/numbers';
import { modelParts } from '../../rewards/explain';

/** One of the producer's models in an epoch: each score part with what it came from, and the engine's notes. */
export function ModelScoreCard({ model, params, counts }: { model: ModelScore; params: RewardParams; counts: boolean }) {
  const w = params.weights;
  return (
    <article className="card model-score" data-testid="model-score" data-model-id={model.modelId} data-score={model.score}>
      <div className="card-header">
        <h3>{model.name ?? model.modelId}</h3>
        <span data-testid="model-score-total">
          score {formatCount(model.payers)} × {model.perf} = <strong>{formatCount(model.score)}</strong>
          {!counts && model.payers > 0 && <span className="badge badge-below">does not count</span>}
        </span>
      </div>
      <table className="data-table compact parts-table">
        <thead>
          <tr>
            <th>Part</th>
            <th className="num">Value</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {modelParts(model, params).map((part) => (
            <tr key={part.part} data-testid="model-part" data-part={part.part} data-value={part.value}>
              <th scope="row">{part.label}</th>
              <td className="num">{part.part === 'popularity' ? formatCount(part.value) : `${part.value} / 1000`}</td>
              <td className="part-why">{part.why}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        perf = ({w.quality} × {model.quality} + {w.latency} × {model.latency.part} + {w.reliability} × {model.reliability.part}) / {w.quality + w.latency + w.reliability} = {model.perf}
      </p>
      {model.why.length > 0 && (
        <ul className="plain-list" data-testid="model-notes">
          {model.why.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </article>
  );
}
