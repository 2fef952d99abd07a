/**
 * The clipping rules of the incentive formula (docs/incentives.md), after Bittensor's Yuma
 * consensus: nobody's contribution to a model counts for more than the others support. Integers
 * only; every function is pure and independent of input order.
 */

/** The lower median (the smaller middle value of an even count): clips harder than a mean would. */
export function lowerMedian(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  // A typed array sorts numerically without a comparator call per step (task medians sort 10^4+ latencies).
  const sorted = Float64Array.from(values).sort();
  return sorted[(sorted.length - 1) >> 1]!;
}

/**
 * For each value, the weighted lower median of all the OTHER values, each weighing its own size: the
 * count of the payer behind the median paid call (null when there are no others). Weighting by size
 * is what makes it sybil-proof: a burst of one-call identities cannot pull everyone's cap down to 1,
 * as an unweighted median of identities would let it (the burst test in test/rewards found that).
 * O(n log n): sorted values, prefix sums, and a binary search per value with its own weight removed.
 */
export function mediansOfOthers(values: readonly number[]): Array<number | null> {
  const n = values.length;
  if (n <= 1) return values.map(() => null);
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const rank = new Array<number>(n);
  order.forEach(([, i], r) => (rank[i] = r));
  const prefix: number[] = [];
  let total = 0;
  for (const [v] of order) prefix.push((total += v));
  return values.map((own, i) => {
    const others = total - own;
    if (others <= 0) return lowestOther(order, rank[i]!);
    // The first sorted position k (not i itself) where the others' cumulative weight reaches half.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const cum = prefix[mid]! - (rank[i]! <= mid ? own : 0);
      if (cum * 2 >= others) hi = mid;
      else lo = mid + 1;
    }
    return lo === rank[i] ? order[lo + 1 < n ? lo + 1 : lo - 1]![0] : order[lo]![0];
  });
}

/** All others weigh 0 (every value 0): the median of others is simply the lowest other value. */
function lowestOther(order: ReadonlyArray<readonly [number, number]>, own: number): number {
  return order[own === 0 ? 1 : 0]![0];
}

/** min(own, median of the others): a lone contributor (no others) is not clipped. */
export function clipToOthers(values: readonly number[]): number[] {
  const medians = mediansOfOthers(values);
  return values.map((v, i) => Math.min(v, medians[i] ?? v));
}

/**
 * Yuma consensus of weighted votes: the highest vote that votes at least as high back with MORE
 * than half of the total weight (strictly: a coalition of exactly half cannot set it).
 */
export function consensus(votes: ReadonlyArray<{ vote: number; weight: number }>): number | null {
  const total = votes.reduce((s, v) => s + v.weight, 0);
  if (total <= 0) return null;
  const sorted = [...votes].sort((a, b) => b.vote - a.vote);
  let backing = 0;
  for (const v of sorted) {
    backing += v.weight;
    if (backing * 2 > total) return v.vote;
  }
  return sorted[sorted.length - 1]!.vote;
}
