import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';
import { claimReward } from '../incentives/claim';
import { projectPrice } from '../incentives/projection';
import { computationView, epochsView, leaderboardView, requireResult } from '../incentives/views';

type RewardCommands = 'rewards.epochs' | 'rewards.compute' | 'rewards.claim' | 'rewards.leaderboard' | 'rewards.projection';

export function rewardHandlers(engine: Engine): Pick<Handlers, RewardCommands> {
  return {
    'rewards.epochs': async ({ limit }) => epochsView(engine, limit),
    'rewards.compute': async ({ epoch, producerKey, modelId }) => computationView(engine, requireResult(engine, epoch), { producerKey, modelId }),
    'rewards.claim': async ({ epoch }) => claimReward(engine, epoch),
    'rewards.leaderboard': async ({ task, epoch }) => leaderboardView(engine, task, epoch),
    'rewards.projection': async ({ modelId, candidate, task }) => projectPrice(engine, modelId, candidate, task),
  };
}
