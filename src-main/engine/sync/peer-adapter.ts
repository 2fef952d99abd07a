import { NetworkAdapter, cbor, type Message, type PeerId, type PeerMetadata, type StorageId } from '@automerge/automerge-repo';
import type { RawData, WebSocket } from 'ws';
import type { Frame } from './frames';

/** How long one event-loop turn may spend handing received messages to the repo, and at most how many. */
const DELIVER_MS = 8;
const MAX_PER_TURN = 32;

/** A connection whose remote proved its key in the handshake. */
export interface PeerLink {
  key: string;
  ws: WebSocket;
  storageId?: string | undefined;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * automerge-repo's network, for authenticated peers only. The packaged WebSocket adapters
 * (NodeWSServerAdapter, WebSocketClientAdapter) hand a socket to the repo on its first `join` frame
 * under whatever peer id the remote claims, with no hook to authenticate before; the client one
 * also throws from its error handler on anything but ECONNREFUSED and redials on a fixed interval.
 * So this adapter speaks their framing (CBOR-encoded repo messages in binary frames) but is given
 * sockets only after the handshake, uses the proven key as the peer id, and closes a connection
 * whose messages claim any other sender: one peer cannot speak for another.
 */
export class PeerNetworkAdapter extends NetworkAdapter {
  private readonly links = new Map<string, WebSocket>();
  /** Received messages not yet handed to the repo (see deliver). */
  private readonly inbox: Message[] = [];
  private delivering = false;

  isReady(): boolean {
    return true;
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  connect(peerId: PeerId, peerMetadata?: PeerMetadata): void {
    this.peerId = peerId;
    this.peerMetadata = peerMetadata;
  }

  disconnect(): void {
    for (const ws of this.links.values()) ws.close(1001, 'shutting down');
  }

  connectedKeys(): string[] {
    return [...this.links.keys()];
  }

  /** Hands an authenticated connection to the repo, then the frames that arrived meanwhile. */
  attach(link: PeerLink, buffered: Frame[]): void {
    const { key, ws } = link;
    const previous = this.links.get(key);
    if (previous) {
      this.links.delete(key);
      this.emit('peer-disconnected', { peerId: key as PeerId });
      previous.close(1000, 'replaced by a newer connection');
    }
    this.links.set(key, ws);
    const onMessage = (data: RawData, isBinary: boolean) => this.receive(key, ws, data, isBinary);
    ws.on('message', onMessage);
    ws.once('close', () => {
      if (this.links.get(key) !== ws) return;
      this.links.delete(key);
      this.emit('peer-disconnected', { peerId: key as PeerId });
    });
    const metadata: PeerMetadata = { isEphemeral: false, ...(link.storageId ? { storageId: link.storageId as StorageId } : {}) };
    this.emit('peer-candidate', { peerId: key as PeerId, peerMetadata: metadata });
    for (const frame of buffered) onMessage(frame.data, frame.isBinary);
  }

  private receive(key: string, ws: WebSocket, data: RawData, isBinary: boolean): void {
    if (this.links.get(key) !== ws) return;
    let message: Message;
    try {
      if (!isBinary) throw new Error('text frame after the handshake');
      message = cbor.decode(toBytes(data)) as Message;
      if (typeof message !== 'object' || message === null) throw new Error('not a message');
    } catch (error) {
      ws.close(1002, `protocol error: ${(error as Error).message}`.slice(0, 120));
      return;
    }
    if (message.senderId !== key) {
      ws.close(1008, 'a message claimed another sender');
      return;
    }
    if (message.targetId !== this.peerId) return;
    this.inbox.push(message);
    if (!this.delivering) this.deliver();
  }

  /**
   * ws emits every frame of a TCP read in one go, and the repo applies each message in promise
   * continuations (microtasks) that all run before the thread can answer anything else: a burst of
   * first-sync messages would hold it for seconds. So messages go to the repo in order, each in its
   * own setImmediate callback (Node drains microtasks between two of them, so the clock read at the
   * start of each includes the repo's work on the one before), for at most DELIVER_MS per event-loop
   * turn; then timers and I/O run. Not one message a turn: a turn also runs a batch of record checks,
   * and a first sync needs a few round trips for each of its hundreds of documents.
   */
  private deliver(): void {
    this.delivering = true;
    const count = Math.min(this.inbox.length, MAX_PER_TURN);
    let turnStarted = -1;
    let left = count;
    for (let i = 0; i < count; i++) {
      setImmediate(() => {
        left--;
        const now = performance.now();
        if (turnStarted < 0) turnStarted = now;
        if (now - turnStarted < DELIVER_MS) this.handOver();
        if (left > 0) return;
        if (this.inbox.length > 0) this.deliver();
        else this.delivering = false;
      });
    }
    if (count === 0) this.delivering = false;
  }

  private handOver(): void {
    const message = this.inbox.shift();
    if (!message) return;
    try {
      this.emit('message', message);
    } catch (error) {
      console.error('sync: a peer message could not be applied:', (error as Error).message);
    }
  }

  send(message: Message): void {
    const ws = this.links.get(message.targetId);
    if (!ws || ws.readyState !== ws.OPEN) return;
    if ('data' in message && message.data?.byteLength === 0) return;
    ws.send(cbor.encode(message));
  }
}
