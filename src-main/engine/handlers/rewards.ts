import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';
import { claimReward } from '../incentives/claim';
import { projectPrice } from '../incentives/projection';
import { computationView, epochsView, leaderboardView, requireResult } from '../incentives/views';

type RewardCommands = 'rewards.epochs' | 'rewards.compute' | 'rewards.claim' | 'rewards.leaderboard' | 'rewards.projection';

/** On the treasury's engine every answer follows the closes that are due (a no-op elsewhere). */
export function rewardHandlers(engine: Engine): Pick<Handlers, RewardCommands> {
  const closed = () => engine.epochCloser.catchUp();
  return {
    'rewards.epochs': async ({ limit }) => closed().then(() => epochsView(engine, limit)),
    'rewards.compute': async ({ epoch, producerKey, modelId }) => closed().then(() => computationView(engine, requireResult(engine, epoch), { producerKey, modelId })),
    'rewards.claim': async ({ epoch }) => closed().then(() => claimReward(engine, epoch)),
    'rewards.leaderboard': async ({ task, epoch }) => closed().then(() => leaderboardView(engine, task, epoch)),
    'rewards.projection': async ({ modelId, candidate, task }) => closed().then(() => projectPrice(engine, modelId, candidate, task)),
  };
}
