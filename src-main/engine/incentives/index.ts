/** The incentives domain's public API: what handlers, other domains and the host use. */
export { claimReward, rewardsDocOf } from './claim';
export type { IncentiveContext, ProjectionContext } from './context';
export { epochsDocOf } from './epoch-close';
export { closeDueEpochs, EpochCloser, type CloserPorts } from './epoch-closer';
export type { EpochResult } from './epoch-compute';
export { epochOf, REWARD_PARAMS, windowOf } from './params';
export { projectPrice } from './projection';
export { RewardState, type ClaimState, type RewardConfig, type RewardDeps } from './reward-state';
export { computationView, epochsView, leaderboardView, requireResult, summaryOf } from './views';
