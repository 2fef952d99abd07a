import { join } from 'node:path';
import { JsonFile } from './json-file';
import type { ListenOptions } from './transport';

/** Where the sync listener is when LAN sharing is off: only this machine can reach it. */
export const LOOPBACK_HOST = '127.0.0.1';

export interface NetworkOptions {
  port: number;
  /** The port was not asked for explicitly: if it is taken, listen on a free one instead of failing. */
  fallback: boolean;
  /** The address to listen on while LAN sharing is on (e.g. 0.0.0.0). */
  lanHost: string;
  /** Announce and look for peers with mDNS while LAN sharing is on. */
  mdns: boolean;
  /** This run's choice (a `--lan` flag, a relay); undefined: the one saved in the data folder. */
  lan?: boolean;
  /** A relay behind a TLS proxy on this machine (ListenOptions). */
  behindProxy?: boolean;
}

/** What LAN sharing moves: the listener and LAN discovery. */
export interface LanTarget {
  listen(host: string, port: number, options: ListenOptions): Promise<{ host: string; port: number }>;
  stopListening(): Promise<void>;
  listening(): { host: string; port: number } | null;
  setMdns(on: boolean): void;
}

/**
 * LAN sharing, a visible choice: off (the default), the sync listener takes 127.0.0.1 and nothing is
 * announced, so no other machine can reach this engine's sync; on, it listens on the LAN address and
 * announces itself with mDNS. The choice is saved in `data/sync/network.json`; peers this engine
 * dials (by address, invite or relay) are reached either way.
 */
export class LanSharing {
  private readonly file: JsonFile<{ lan: boolean }>;
  private saved = false;
  private current: boolean | null = null;
  private options: NetworkOptions | null = null;
  /** Serialises switches: two quick toggles must not listen twice. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly target: LanTarget,
  ) {
    this.file = new JsonFile(join(dataDir, 'sync', 'network.json'), 0);
  }

  async load(): Promise<void> {
    const stored = await this.file.read();
    this.saved = stored?.lan === true;
  }

  /** Whether the listener faces the LAN now (before sync starts: whether it will). */
  get on(): boolean {
    return this.current ?? this.saved;
  }

  /** Starts the listener (on loopback or the LAN address) and, with LAN sharing on, discovery. */
  start(options: NetworkOptions): Promise<{ host: string; port: number }> {
    this.options = options;
    this.current = options.lan ?? this.saved;
    return this.serialised(() => this.apply(options.port, options.fallback));
  }

  /** The user's choice: saved, and applied at once if sync is running (LAN peers' links drop when it goes off). */
  set(on: boolean): Promise<void> {
    return this.serialised(async () => {
      this.saved = on;
      this.file.schedule(() => ({ lan: on }));
      await this.file.flush();
      if (!this.options || this.current === on) {
        if (this.options) this.current = on;
        return;
      }
      this.current = on;
      const port = this.target.listening()?.port ?? this.options.port;
      await this.target.stopListening();
      await this.apply(port, true);
    });
  }

  private async apply(port: number, fallback: boolean): Promise<{ host: string; port: number }> {
    const options = this.options!;
    const host = this.current ? options.lanHost : LOOPBACK_HOST;
    let listening: { host: string; port: number };
    try {
      listening = await this.target.listen(host, port, { behindProxy: options.behindProxy === true });
    } catch (error) {
      if (!fallback || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      console.error(`warning: sync port ${port} is taken; peer sync listens on a free port instead`);
      listening = await this.target.listen(host, 0, { behindProxy: options.behindProxy === true });
    }
    this.target.setMdns(this.current === true && options.mdns);
    return listening;
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
