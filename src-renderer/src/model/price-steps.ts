import type { PriceChange } from '../../../src-shared/pricing';

export interface PriceStep {
  from: number;
  to: number;
  referenceCost: number;
  /** The change that is in force over this step. */
  seq: number;
}

/**
 * The price in force over time. At any moment it is the change with the highest seq whose
 * effectiveFrom has come (a later-signed change may start earlier than a scheduled one), so the
 * steps are computed per interval between start times rather than read off the list in order.
 */
export function priceSteps(changes: readonly PriceChange[], end: number): PriceStep[] {
  const starts = [...new Set(changes.map((c) => c.effectiveFrom))].sort((a, b) => a - b);
  const steps: PriceStep[] = [];
  starts.forEach((from, i) => {
    const to = Math.max(from, starts[i + 1] ?? end);
    let inForce: PriceChange | undefined;
    for (const c of changes) if (c.effectiveFrom <= from && (!inForce || c.seq > inForce.seq)) inForce = c;
    if (!inForce) return;
    const last = steps[steps.length - 1];
    if (last && last.seq === inForce.seq) last.to = to;
    else steps.push({ from, to, referenceCost: inForce.referenceCost, seq: inForce.seq });
  });
  return steps;
}
