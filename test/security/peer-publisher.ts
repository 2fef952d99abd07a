import type { CommandInput } from '../../src-shared/contract';
import type { ServeProcess } from '../sync/processes';

export interface PeerAcks {
  /** Model ids the peer acknowledged publishing. */
  published: string[];
  /** Hashes of the price records the peer acknowledged. */
  hashes: string[];
}

/**
 * Keeps a live peer (a real `serve` process) publishing its own models and repricing them, one
 * command at a time, while a crash test kills the engine it syncs with. Records only what the peer
 * acknowledged (the command answered). stop() waits for the command in flight and fails the test
 * if any command failed: a peer that stopped publishing would make the test prove nothing.
 */
export class PeerPublisher {
  private readonly acks: PeerAcks = { published: [], hashes: [] };
  private running: Promise<void> | null = null;
  private failure: unknown = null;
  private stopping = false;

  constructor(
    private readonly peer: ServeProcess,
    private readonly listingOf: (i: number) => CommandInput<'models.publish'>,
  ) {}

  start(): void {
    // Kept, not thrown here: stop() reports it (an unhandled rejection would outlive the test).
    this.running ??= this.loop().catch((error: unknown) => {
      this.failure = error;
    });
  }

  private async loop(): Promise<void> {
    for (let i = 0; !this.stopping; i++) {
      const item = await this.peer.call('models.publish', this.listingOf(i));
      this.acks.published.push(item.id);
      const change = await this.peer.call('pricing.set', { modelId: item.id, price: { inputPer1M: 3_000 + i, outputPer1M: 6_000 + i, perRequest: i % 2 } });
      this.acks.hashes.push(change.hash);
    }
  }

  async stop(): Promise<PeerAcks> {
    this.stopping = true;
    await this.running;
    if (this.failure) throw new Error(`the peer stopped publishing: ${(this.failure as Error).message}`);
    return { published: [...this.acks.published], hashes: [...this.acks.hashes] };
  }
}
