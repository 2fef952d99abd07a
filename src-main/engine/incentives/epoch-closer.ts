import type { SigningKey } from '../identity/keys';
import type { SignedRecord } from '../records/signed';
import { closeRecords, epochsDocOf } from './epoch-close';
import { windowOf } from './params';
import type { RewardState } from './reward-state';

/** What closing epochs needs of the engine (wired in compose/rewards.ts). */
export interface CloserPorts {
  clock(): number;
  /** The marketplace's treasury key when this engine holds it, else null. */
  treasury(): SigningKey | null;
  rewards(): Pick<RewardState, 'epochs' | 'config' | 'inputs'>;
  publish(doc: string, records: SignedRecord[]): Promise<void>;
}

/** The longest setTimeout delay Node honours (about 24.8 days); a later close re-arms on waking. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Signs the treasury's epoch-close of every epoch past its finalAt that has charges and comes after
 * the newest one closed, oldest first, each over exactly the records its provisional computation
 * read and with the carry it took in. Later epochs only: an epoch left unclosed behind a closed one
 * stays provisional (its late fees stay in the pool), so no remainder is ever carried twice.
 * Returns how many epochs it closed.
 */
export async function closeDueEpochs(ports: CloserPorts, treasury: SigningKey): Promise<number> {
  let closed = 0;
  const tried = new Set<number>();
  for (;;) {
    const now = ports.clock();
    const rewards = ports.rewards();
    const newest = rewards.inputs.closes.newestClosed(treasury.publicKey);
    const due = rewards
      .epochs()
      .find((r) => r.window.epoch > newest && r.window.finalAt <= now && r.inputs.state === 'provisional' && r.charges > 0 && !tried.has(r.window.epoch));
    if (!due) return closed;
    tried.add(due.window.epoch);
    const records = closeRecords(treasury, due.window.epoch, due.carryIn, due.inputs.read, now);
    await ports.publish(epochsDocOf(treasury.publicKey), records);
    closed++;
  }
}

/**
 * Closes epochs on the engine that holds the marketplace's treasury key (the relay peer, or the
 * desktop that created the marketplace): at start, when a finalAt passes (a timer), and before any
 * rewards command answers. Every other engine only receives the closes. A marketplace created or
 * joined after start is picked up by the next rewards command (`catchUp`), which starts the timer.
 */
export class EpochCloser {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly ports: CloserPorts) {}

  /**
   * Closes what is due now, then keeps a timer for the next finalAt; resolves when every close is
   * published (a no-op away from the treasury).
   */
  catchUp(): Promise<void> {
    const key = this.ports.treasury();
    if (!key || this.stopped) return this.running;
    this.running = this.running
      .then(() => closeDueEpochs(this.ports, key))
      .catch((error: Error) => console.error('rewards: could not close an epoch:', error.message))
      .then(() => (this.timer ? undefined : this.schedule()));
    return this.running;
  }

  start(): Promise<void> {
    return this.catchUp();
  }

  private schedule(): void {
    const config = this.ports.rewards().config();
    if (this.stopped || !this.ports.treasury() || !config) return;
    // The first epoch whose finalAt is still ahead: e = ⌊(now − grace) / len⌋.
    const now = this.ports.clock();
    const { finalAt } = windowOf(Math.floor((now - config.graceMs) / config.lenMs), config.lenMs, config.graceMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.catchUp();
    }, Math.min(MAX_DELAY_MS, Math.max(1, finalAt - now)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
