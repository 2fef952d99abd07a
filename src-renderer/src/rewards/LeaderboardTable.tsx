import type { CommandOutput } from '../../../src-shared/contract';
import type { RewardParams } from '../../../src-shared/rewards';
import { formatCount, formatMoney, shortKey } from '../format/numbers';
import { DataTable, type Column } from '../table/DataTable';

type Board = CommandOutput<'rewards.leaderboard'>;
type ModelRow = Board['models'][number];
type ProducerRow = Board['producers'][number];

const PART_TITLE = {
  payers: 'Popularity: distinct identities other than the producer that paid for the model in the epoch',
  quality: 'Quality (0–1000): verified votes of paying users, clipped at their consensus; 500 is the neutral prior a model without votes gets',
  latency: 'Latency (0–1000): 500 = as fast as the task median; higher is faster',
  reliability: 'Reliability (0–1000): share of counted observed calls that succeeded',
  score: 'Score = paying users × performance; 0 when the producer is below the activity threshold',
  reward: "The producer's reward for the whole epoch: all its models, every task — the same figure on each of its models",
};

/** The task's models by score, each with its parts; a model name opens its model page. */
export function LeaderboardTable({ board, params, selectedId, onOpen }: { board: Board; params: RewardParams; selectedId: string | null; onOpen(modelId: string): void }) {
  const rewardOf = new Map(board.producers.map((p) => [p.producerKey, p.amount]));
  const w = params.weights;
  const perfTitle = `Performance = (${w.quality} quality + ${w.latency} latency + ${w.reliability} reliability) / ${w.quality + w.latency + w.reliability}`;
  const columns: Array<Column<ModelRow>> = [
    { key: 'rank', header: 'Rank', numeric: true, cell: (m) => m.rank, sortValue: (m) => m.rank },
    {
      key: 'model',
      header: 'Model',
      cell: (m) => (
        <button type="button" className="link-button row-link" data-testid="leaderboard-model" onClick={() => onOpen(m.modelId)}>
          {m.name ?? m.modelId}
        </button>
      ),
      sortValue: (m) => m.name ?? m.modelId,
    },
    { key: 'producer', header: 'Producer', cell: (m) => <span title={m.producerKey}>{m.producerName ?? shortKey(m.producerKey)}</span>, sortValue: (m) => m.producerName ?? m.producerKey },
    { key: 'payers', header: 'Paying users', title: PART_TITLE.payers, numeric: true, cell: (m) => formatCount(m.payers), sortValue: (m) => m.payers },
    { key: 'quality', header: 'Quality', title: PART_TITLE.quality, numeric: true, cell: (m) => m.quality, sortValue: (m) => m.quality },
    { key: 'latency', header: 'Latency', title: PART_TITLE.latency, numeric: true, cell: (m) => m.latency, sortValue: (m) => m.latency },
    { key: 'reliability', header: 'Reliability', title: PART_TITLE.reliability, numeric: true, cell: (m) => m.reliability, sortValue: (m) => m.reliability },
    { key: 'perf', header: 'Perf', title: perfTitle, numeric: true, cell: (m) => m.perf, sortValue: (m) => m.perf },
    {
      key: 'score',
      header: 'Score',
      title: PART_TITLE.score,
      numeric: true,
      sortValue: (m) => m.score,
      cellProps: () => ({ 'data-testid': 'leaderboard-score' }),
      cell: (m) => (
        <>
          <strong>{formatCount(m.score)}</strong>
          {!m.qualified && (
            <span className="badge badge-below" title="Its producer had fewer than the required paying users or successful calls in the epoch: its models' scores do not count">
              below threshold
            </span>
          )}
        </>
      ),
    },
    {
      key: 'reward',
      header: 'Producer’s epoch reward',
      title: PART_TITLE.reward,
      numeric: true,
      sortValue: (m) => rewardOf.get(m.producerKey) ?? 0,
      cellProps: (m) => ({ 'data-testid': 'leaderboard-reward', 'data-micro': rewardOf.get(m.producerKey) ?? 0 }),
      cell: (m) => formatMoney(rewardOf.get(m.producerKey) ?? 0),
    },
  ];
  return (
    <DataTable
      rows={board.models}
      columns={columns}
      rowKey={(m) => m.modelId}
      label={`Leaderboard of ${board.task}`}
      testId="leaderboard-table"
      compact
      className="leaderboard-table"
      rowProps={(m) => ({ 'data-testid': 'leaderboard-row', 'data-model-id': m.modelId, 'data-score': m.score, 'aria-selected': m.modelId === selectedId })}
    />
  );
}

/** The task's producers: their models' scores in this task and their reward for the epoch. */
export function LeaderboardProducers({ board }: { board: Board }) {
  const columns: Array<Column<ProducerRow>> = [
    { key: 'producer', header: 'Producer', cell: (p) => <span title={p.producerKey}>{p.name ?? shortKey(p.producerKey)}</span>, sortValue: (p) => p.name ?? p.producerKey },
    { key: 'models', header: 'Models in task', numeric: true, cell: (p) => formatCount(p.models), sortValue: (p) => p.models },
    { key: 'score', header: 'Score in task', numeric: true, cell: (p) => formatCount(p.score), sortValue: (p) => p.score },
    {
      key: 'amount',
      header: 'Reward (epoch, all tasks)',
      title: PART_TITLE.reward,
      numeric: true,
      cell: (p) => formatMoney(p.amount),
      sortValue: (p) => p.amount,
      cellProps: (p) => ({ 'data-micro': p.amount }),
    },
  ];
  return (
    <DataTable
      rows={board.producers}
      columns={columns}
      rowKey={(p) => p.producerKey}
      label={`Producers in ${board.task}`}
      testId="leaderboard-producers"
      compact
      rowProps={(p) => ({ 'data-testid': 'leaderboard-producer', 'data-producer-key': p.producerKey })}
    />
  );
}
