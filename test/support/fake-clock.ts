import type { Clock } from '../../src/core/feed/socket';

/** Virtual time: timers run in order as `advance` moves the clock; promises settle between them. */
export class FakeClock implements Clock {
  private nowMs: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void; seq: number }>();

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.nowMs + Math.max(0, ms), fn, seq: id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  async advance(ms: number): Promise<void> {
    const until = this.nowMs + ms;
    await settle();
    for (;;) {
      let next: { id: number; at: number; fn: () => void; seq: number } | undefined;
      for (const [id, t] of this.timers) {
        if (t.at <= until && (next === undefined || t.at < next.at || (t.at === next.at && t.seq < next.seq))) {
          next = { id, ...t };
        }
      }
      if (next === undefined) break;
      this.timers.delete(next.id);
      this.nowMs = Math.max(this.nowMs, next.at);
      next.fn();
      await settle();
    }
    this.nowMs = until;
    await settle();
  }
}

/** Lets pending promise chains run (several rounds: awaits nest). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
