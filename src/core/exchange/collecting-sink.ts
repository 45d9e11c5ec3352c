import type { ControlEvent, FrameSink } from './adapter';
import type { RejectReason } from './reject';
import type { Quote, Trade } from './types';

/** A FrameSink that keeps everything, for tests, tools and one-off parsing (not the hot path). */
export class CollectingSink implements FrameSink {
  readonly trades: Trade[] = [];
  readonly quotes: Quote[] = [];
  readonly controls: ControlEvent[] = [];
  readonly rejects: { reason: RejectReason; detail: string }[] = [];

  trade(trade: Trade): void {
    this.trades.push(trade);
  }
  quote(quote: Quote): void {
    this.quotes.push(quote);
  }
  control(event: ControlEvent): void {
    this.controls.push(event);
  }
  reject(reason: RejectReason, detail: string): void {
    this.rejects.push({ reason, detail });
  }

  /** Parses frames in order with one parser; returns this for chaining. */
  feed(
    parse: (frame: string, receivedAtMs: number, sink: FrameSink) => void,
    frames: readonly string[],
    receivedAtMs = 0,
  ): this {
    for (const frame of frames) parse(frame, receivedAtMs, this);
    return this;
  }
}
