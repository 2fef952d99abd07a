/**
 * What the rewards screens show: one epoch shared by the producer's Rewards tab, the leaderboard
 * and the transparency page (so "how was this split?" opens the epoch being looked at), and the
 * leaderboard's task. `epoch` null: the newest final epoch (the engine's default).
 */
export interface RewardsView {
  epoch: number | null;
  task: string;
  /** Where the transparency page goes back to. */
  from: 'leaderboard' | 'rewards';
}

export const INITIAL_REWARDS_VIEW: RewardsView = { epoch: null, task: 'support', from: 'leaderboard' };
