import { Bonjour, type Browser, type Service } from 'bonjour-service';
import { pickHost, type Announcement } from './discovery';

export const SERVICE_TYPE = 'infiniroute';

export interface MdnsOptions {
  port: number;
  key: string;
  marketplace: string;
  clock: () => number;
}

/**
 * LAN discovery over mDNS (`_infiniroute._tcp`): announces this peer (TXT `mp` = marketplace id,
 * `key` = peer key, `v` = protocol) and remembers who else announces. An announcement is only a hint:
 * whoever is dialled must still prove the announced key in the handshake. Machines without
 * multicast end up `unavailable`, and every other way to find peers keeps working.
 */
export class MdnsDiscovery {
  private readonly seen = new Map<string, Announcement>();
  private bonjour: Bonjour | null = null;
  private browser: Browser | null = null;
  state: 'on' | 'unavailable' = 'on';

  constructor(private readonly options: MdnsOptions) {}

  get port(): number {
    return this.options.port;
  }

  start(): this {
    try {
      this.bonjour = new Bonjour({}, (error: Error) => this.fail(error));
      this.bonjour.publish({
        name: `infiniroute-${this.options.key.slice(0, 16)}`,
        type: SERVICE_TYPE,
        protocol: 'tcp',
        port: this.options.port,
        txt: { mp: this.options.marketplace, key: this.options.key, v: '1' },
      }).on('error', (error: Error) => this.fail(error));
      this.browser = this.bonjour.find({ type: SERVICE_TYPE, protocol: 'tcp' });
      this.browser.on('up', (service: Service) => this.heard(service));
      this.browser.on('txt-update', (service: Service) => this.heard(service));
      this.browser.on('down', (service: Service) => this.seen.delete(String(service.txt?.key ?? '')));
    } catch (error) {
      this.fail(error as Error);
    }
    return this;
  }

  private heard(service: Service): void {
    const txt = (service.txt ?? {}) as Record<string, unknown>;
    const key = typeof txt.key === 'string' ? txt.key : null;
    const marketplace = typeof txt.mp === 'string' ? txt.mp : null;
    const host = pickHost(service.addresses ?? [], service.referer?.address);
    if (!key || !marketplace || !host || key === this.options.key) return;
    const before = this.seen.get(key);
    this.seen.set(key, { key, marketplace, host, port: service.port, firstSeenAt: before?.firstSeenAt ?? this.options.clock() });
  }

  private fail(error: Error): void {
    if (this.state === 'unavailable') return;
    this.state = 'unavailable';
    console.error(`LAN discovery (mDNS) unavailable: ${error.message}`);
    this.stop();
  }

  announcements(): Announcement[] {
    return [...this.seen.values()];
  }

  stop(): void {
    try {
      this.browser?.stop();
      this.bonjour?.unpublishAll();
      this.bonjour?.destroy();
    } catch {
      // already torn down
    }
    this.browser = null;
    this.bonjour = null;
  }
}
