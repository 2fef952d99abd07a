import type { CommandOutput } from '../../../src-shared/contract';
import type { RewardParams } from '../../../src-shared/rewards';
import { formatCount, formatMoney, shortKey } from '../format/numbers';

type Board = CommandOutput<'rewards.leaderboard'>;

const PART_TITLE = {
  payers: 'Popularity: distinct identities other than the producer that paid for the model in the epoch',
  quality: 'Quality (0–1000): verified votes of paying users, clipped at their consensus, with a neutral prior',
  latency: 'Latency (0–1000): 500 = as fast as the task median; higher is faster',
  reliability: 'Reliability (0–1000): share of counted observed calls that succeeded',
  score: 'Score = paying users × performance; 0 when the producer is below the activity threshold',
  reward: "The producer's reward for the whole epoch (all its models, every task)",
};

/** The task's models by score, each with its parts; a model name opens its model page. */
export function LeaderboardTable({ board, params, selectedId, onOpen }: { board: Board; params: RewardParams; selectedId: string | null; onOpen(modelId: string): void }) {
  const rewardOf = new Map(board.producers.map((p) => [p.producerKey, p.amount]));
  const w = params.weights;
  const perfTitle = `Performance = (${w.quality} quality + ${w.latency} latency + ${w.reliability} reliability) / ${w.quality + w.latency + w.reliability}`;
  return (
    <table className="data-table compact leaderboard-table" data-testid="leaderboard-table">
      <thead>
        <tr>
          <th className="num">Rank</th>
          <th>Model</th>
          <th>Producer</th>
          <th className="num" title={PART_TITLE.payers}>
            Paying users
          </th>
          <th className="num" title={PART_TITLE.quality}>
            Quality
          </th>
          <th className="num" title={PART_TITLE.latency}>
            Latency
          </th>
          <th className="num" title={PART_TITLE.reliability}>
            Reliability
          </th>
          <th className="num" title={perfTitle}>
            Perf
          </th>
          <th className="num" title={PART_TITLE.score}>
            Score
          </th>
          <th className="num" title={PART_TITLE.reward}>
            Producer reward
          </th>
        </tr>
      </thead>
      <tbody>
        {board.models.map((m) => (
          <tr key={m.modelId} data-testid="leaderboard-row" data-model-id={m.modelId} data-score={m.score} aria-selected={m.modelId === selectedId}>
            <td className="num">{m.rank}</td>
            <td>
              <button type="button" className="link-button row-link" data-testid="leaderboard-model" onClick={() => onOpen(m.modelId)}>
                {m.name ?? m.modelId}
              </button>
            </td>
            <td title={m.producerKey}>{m.producerName ?? shortKey(m.producerKey)}</td>
            <td className="num">{formatCount(m.payers)}</td>
            <td className="num">{m.quality}</td>
            <td className="num">{m.latency}</td>
            <td className="num">{m.reliability}</td>
            <td className="num">{m.perf}</td>
            <td className="num" data-testid="leaderboard-score">
              <strong>{formatCount(m.score)}</strong>
              {!m.qualified && (
                <span className="badge badge-below" title="Its producer had fewer than the required paying users or successful calls in the epoch: its models' scores do not count">
                  below threshold
                </span>
              )}
            </td>
            <td className="num" data-testid="leaderboard-reward" data-micro={rewardOf.get(m.producerKey) ?? 0}>
              {formatMoney(rewardOf.get(m.producerKey) ?? 0)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The task's producers: their models' scores in this task and their reward for the epoch. */
export function LeaderboardProducers({ board }: { board: Board }) {
  return (
    <table className="data-table compact" data-testid="leaderboard-producers">
      <thead>
        <tr>
          <th>Producer</th>
          <th className="num">Models in task</th>
          <th className="num">Score in task</th>
          <th className="num" title={PART_TITLE.reward}>
            Reward (epoch)
          </th>
        </tr>
      </thead>
      <tbody>
        {board.producers.map((p) => (
          <tr key={p.producerKey} data-testid="leaderboard-producer" data-producer-key={p.producerKey}>
            <td title={p.producerKey}>{p.name ?? shortKey(p.producerKey)}</td>
            <td className="num">{formatCount(p.models)}</td>
            <td className="num">{formatCount(p.score)}</td>
            <td className="num" data-micro={p.amount}>
              {formatMoney(p.amount)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
