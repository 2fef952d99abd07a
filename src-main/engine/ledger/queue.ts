/**
 * Runs async work one at a time per key: appends to one chain must read its head, sign and write
 * before the next one reads it, or two concurrent commands would fork the chain. Held by the
 * engine's LedgerState (never module-level), so two engines in one process never wait on each other.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
