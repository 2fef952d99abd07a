/** Seeded randomness for exploration: a decision can be replayed from its id. */
export function randomFromSeed(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A standard normal draw (Box-Muller). */
function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * A Thompson draw for a rate known as `meanBps` from `strength` observations: the Beta posterior
 * approximated by a normal of the same mean and variance, clipped to [0, 10000] bps.
 */
export function sampleRateBps(meanBps: number, strength: number, random: () => number): number {
  const p = meanBps / 10_000;
  const sd = Math.sqrt((p * (1 - p)) / (strength + 1));
  return Math.round(Math.min(1, Math.max(0, p + sd * normal(random))) * 10_000);
}
