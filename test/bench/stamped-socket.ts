import type { SocketLike } from '../../src/core/feed/socket';

import { stamp } from './shared-clock';

export { stamp };

/** Arrival time of the n-th frame (= trade id n, see tick-socket.ts) in this worker; 0 where none. */
export class ArrivalLog {
  times = new Float64Array(1 << 20);

  reset(): void {
    this.times = new Float64Array(1 << 20);
  }

  record(n: number): void {
    if (n < this.times.length) this.times[n] = stamp();
  }

  at(n: number): number {
    return this.times[n] ?? 0;
  }
}

/** The real WebSocket, stamping each frame's arrival in `log` before the feed sees it. */
export class StampedSocket implements SocketLike {
  private readonly ws: WebSocket;
  private frames = 0;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;

  constructor(url: string, log: ArrivalLog) {
    this.ws = new WebSocket(url);
    this.ws.onopen = () => this.onopen?.();
    this.ws.onmessage = (event) => {
      log.record(++this.frames);
      this.onmessage?.(event);
    };
    this.ws.onclose = (event) => this.onclose?.(event);
    this.ws.onerror = () => this.onerror?.();
  }

  send(data: string): void {
    this.ws.send(data);
  }

  close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
  }
}
