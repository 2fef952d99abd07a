import type { ConstraintName, Strategy } from '../../../src-shared/routing';

export const STRATEGY_LABELS: Record<Strategy, string> = {
  'best-value': 'Best value',
  cheapest: 'Cheapest',
  fastest: 'Fastest',
  'best-quality': 'Best quality',
};

/** What each hard constraint of docs/routing.md means, and what to change when it empties the set. */
export const CONSTRAINTS: Record<ConstraintName, { label: string; fix: string }> = {
  task: { label: 'Task', fix: 'No priced, active model lists this task: pick another task.' },
  retired: { label: 'Retired', fix: 'Its producer retired the model.' },
  unpriced: { label: 'Unpriced', fix: 'The model has no price in force yet.' },
  pinnedModel: { label: 'Pinned model', fix: 'The pinned model cannot answer this: unpin it or pick one of its tasks.' },
  allowModels: { label: 'Allowed models', fix: 'Allow more models.' },
  denyModels: { label: 'Denied models', fix: 'Deny fewer models.' },
  allowProducers: { label: 'Allowed producers', fix: 'Allow more producers, or any producer.' },
  denyProducers: { label: 'Denied producers', fix: 'Deny fewer producers.' },
  maxInputPer1M: { label: 'Max input price', fix: 'Raise the max input price per 1M tokens.' },
  maxOutputPer1M: { label: 'Max output price', fix: 'Raise the max output price per 1M tokens.' },
  maxCostPerCall: { label: 'Max cost per call', fix: 'Raise the max cost per call, or expect fewer output tokens.' },
  minAccuracyBps: { label: 'Min accuracy', fix: 'Lower the minimum accuracy.' },
  maxLatencyP95Ms: { label: 'Max p95 latency', fix: 'Allow a higher p95 latency.' },
  measuredOnly: { label: 'Measured only', fix: 'Allow models whose figures are still only claimed by their producer.' },
  cooldown: { label: 'Cooling down', fix: 'Their endpoints failed 3 times in a row; they are tried again after 30 s.' },
  budget: { label: 'Budget', fix: 'What is left of your daily or monthly budget is below the estimate: raise it in Routing settings.' },
  balance: { label: 'Balance', fix: 'Your balance is below the estimated cost: deposit credits in the Wallet.' },
};

export function constraintLabel(name: string): string {
  return (CONSTRAINTS as Record<string, { label: string } | undefined>)[name]?.label ?? name;
}

export function constraintFix(name: string): string | null {
  return (CONSTRAINTS as Record<string, { fix: string } | undefined>)[name]?.fix ?? null;
}
