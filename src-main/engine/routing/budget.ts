/** Budget windows in UTC: the current day and the current month. */
export function dayStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

export function monthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Micro-credits left under the tightest budget, or null when no budget is set. */
export function remainingBudget(
  budgets: { dailyMicro: number | null; monthlyMicro: number | null },
  spentSince: (since: number) => number,
  now: number,
): number | null {
  const left: number[] = [];
  if (budgets.dailyMicro !== null) left.push(budgets.dailyMicro - spentSince(dayStart(now)));
  if (budgets.monthlyMicro !== null) left.push(budgets.monthlyMicro - spentSince(monthStart(now)));
  return left.length === 0 ? null : Math.max(0, Math.min(...left));
}
