/**
 * A fixed number of slots shared fairly between remote addresses (the sync listener's sockets that
 * are still in their handshake, and its authenticated inbound links). One address never holds more
 * than `perAddress`. When every slot is taken, a newcomer still gets one if some other address holds
 * at least two more than the newcomer's would: that address gives up one slot (the one `pickVictim`
 * chooses). So a flood from a few addresses cannot keep out a peer arriving from another one, and
 * the only way to hold every slot is to spread evenly over total / perAddress addresses or more.
 */
export class FairShare<T> {
  private readonly byAddress = new Map<string, T[]>();
  private taken = 0;

  constructor(
    readonly perAddress: number,
    readonly total: number,
  ) {}

  get size(): number {
    return this.taken;
  }

  countOf(address: string): number {
    return this.byAddress.get(address)?.length ?? 0;
  }

  /**
   * Takes a slot for `item` from `address`, or says why not. `evicted` (already released here) is the
   * item that had to make room: the caller closes it. `pickVictim` gets one address's items, oldest first.
   */
  admit(address: string, item: T, pickVictim: (items: readonly T[]) => T = (items) => items[0]!): { admitted: true; evicted: T | null } | { admitted: false; reason: string } {
    const own = this.countOf(address);
    if (own >= this.perAddress) return { admitted: false, reason: `too many connections from ${address}` };
    let evicted: T | null = null;
    if (this.taken >= this.total) {
      const heaviest = this.heaviestOtherThan(address);
      if (!heaviest || heaviest[1].length < own + 2) return { admitted: false, reason: 'this peer is at its connection limit' };
      evicted = pickVictim(heaviest[1]);
      this.release(heaviest[0], evicted);
    }
    const items = this.byAddress.get(address) ?? [];
    items.push(item);
    this.byAddress.set(address, items);
    this.taken++;
    return { admitted: true, evicted };
  }

  /** Gives the slot back; releasing an item that holds none changes nothing. */
  release(address: string, item: T): void {
    const items = this.byAddress.get(address);
    const at = items?.indexOf(item) ?? -1;
    if (!items || at < 0) return;
    items.splice(at, 1);
    this.taken--;
    if (items.length === 0) this.byAddress.delete(address);
  }

  private heaviestOtherThan(address: string): [string, T[]] | null {
    let heaviest: [string, T[]] | null = null;
    for (const entry of this.byAddress) {
      if (entry[0] !== address && (!heaviest || entry[1].length > heaviest[1].length)) heaviest = entry;
    }
    return heaviest;
  }
}

/**
 * Who an address is for the limits: an IPv4 address as it is (IPv4-mapped IPv6 too), an IPv6 one by
 * its /64, since one host usually holds a whole /64 and could otherwise take a fresh address per socket.
 */
export function addressKey(remote: string | undefined): string {
  if (!remote) return 'unknown';
  const bare = remote.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return mapped[1]!;
  if (!bare.includes(':')) return bare;
  const [head = '', tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
