import type { Candle, CandleUpdate } from '../candles/candle';

/**
 * Bar updates kept (by arrival, every timeframe) for rules still on their way: a rule saved in a
 * tab reaches this worker through storage some time later (tens of ms, seconds on a loaded
 * machine), and the bars that arrived since its save are judged when it lands. Kept apart from
 * the alert stage so the feed records them from its first batch while the alert engine itself is
 * loaded only once a rule exists.
 */
export const REPLAY_MS = 10_000;
const REPLAY_MAX = 20_000;

export interface ArrivedBar {
  readonly candle: Candle;
  readonly atMs: number;
}

export class ArrivalWindow {
  /** Oldest first. */
  private list: ArrivedBar[] = [];

  get bars(): readonly ArrivedBar[] {
    return this.list;
  }

  push(updates: readonly CandleUpdate[], nowMs: number): void {
    for (const u of updates) this.list.push({ candle: u.candle, atMs: nowMs });
    // Trimmed in steps (the window runs to twice its length), so a batch costs no copy.
    const first = this.list[0];
    if (first === undefined) return;
    if (first.atMs >= nowMs - 2 * REPLAY_MS && this.list.length <= 2 * REPLAY_MAX) return;
    let drop = this.list.findIndex((r) => r.atMs >= nowMs - REPLAY_MS);
    if (drop < 0) drop = this.list.length;
    this.list = this.list.slice(Math.max(drop, this.list.length - REPLAY_MAX));
  }
}
