import { incentiveContextOf, projectionContextOf } from '../compose/incentives';
import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';
import { claimReward, computationView, epochsView, leaderboardView, projectPrice, requireResult } from '../incentives';

type RewardCommands = 'rewards.epochs' | 'rewards.compute' | 'rewards.claim' | 'rewards.leaderboard' | 'rewards.projection';

/** On the treasury's engine every answer follows the closes that are due (a no-op elsewhere). */
export function rewardHandlers(engine: Engine): Pick<Handlers, RewardCommands> {
  const closed = () => engine.epochCloser.catchUp();
  const rewards = incentiveContextOf(engine);
  const projection = projectionContextOf(engine);
  return {
    'rewards.epochs': async ({ limit }) => closed().then(() => epochsView(rewards, limit)),
    'rewards.compute': async ({ epoch, producerKey, modelId }) => closed().then(() => computationView(rewards, requireResult(rewards, epoch), { producerKey, modelId })),
    'rewards.claim': async ({ epoch }) => closed().then(() => claimReward(rewards, epoch)),
    'rewards.leaderboard': async ({ task, epoch }) => closed().then(() => leaderboardView(rewards, task, epoch)),
    'rewards.projection': async ({ modelId, candidate, task }) => closed().then(() => projectPrice(projection, modelId, candidate, task)),
  };
}
