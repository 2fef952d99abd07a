import type { RawData, WebSocket } from 'ws';
import { MAX_HANDSHAKE_FRAME } from './transport';

/** Why a peer connection was refused or failed before any document was shared. */
export class HandshakeError extends Error {}

export interface Frame {
  data: RawData;
  isBinary: boolean;
}

/**
 * Buffers a socket's frames from the moment it opens, so none is lost between the handshake's last
 * message and the sync adapter taking over (ws may emit several frames in one tick, before the
 * promise that ends the handshake resolves). `handOver` passes the rest on and stops listening.
 */
export class FrameQueue {
  private readonly frames: Frame[] = [];
  private waiter: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private closed: Error | null = null;
  private readonly onMessage = (data: RawData, isBinary: boolean) => {
    this.frames.push({ data, isBinary });
    this.wake();
  };
  private readonly onClose = () => {
    this.closed = new HandshakeError('the peer closed the connection during the handshake');
    this.wake();
  };
  private readonly onError = (error: Error) => {
    this.closed = new HandshakeError(`connection error during the handshake: ${error.message}`);
    this.wake();
  };

  constructor(private readonly ws: WebSocket) {
    ws.on('message', this.onMessage);
    ws.on('close', this.onClose);
    ws.on('error', this.onError);
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.resolve();
  }

  async nextText(timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0) {
      if (this.closed) throw this.closed;
      const left = deadline - Date.now();
      if (left <= 0) throw new HandshakeError('the peer did not answer the handshake in time');
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, left);
        this.waiter = {
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
          reject,
        };
      });
    }
    const frame = this.frames.shift()!;
    const size = Array.isArray(frame.data) ? frame.data.reduce((n, b) => n + b.length, 0) : frame.data.byteLength;
    if (frame.isBinary || size > MAX_HANDSHAKE_FRAME) throw new HandshakeError('the peer sent a binary or oversized frame during the handshake');
    return Buffer.isBuffer(frame.data) ? frame.data.toString('utf8') : Buffer.from(frame.data as ArrayBuffer).toString('utf8');
  }

  detach(): void {
    this.ws.off('message', this.onMessage);
    this.ws.off('close', this.onClose);
    this.ws.off('error', this.onError);
  }

  /** Stops buffering and returns what arrived after the handshake, in order. */
  handOver(): Frame[] {
    this.detach();
    return this.frames.splice(0);
  }
}
