import type { CandleUpdate } from '../../../core/candles/candle';
import type { FeedHealth } from '../../../core/feed/feed-health';
import { DEFAULT_CHANGE_WINDOW, type ChangeWindowId } from '../../../core/watchlist/change-window';
import type { InstrumentStore } from '../../../data/instrument-store';
import { WatchlistTracker, type BarReader, type WatchRow } from './watchlist-tracker';

export type { WatchRow } from './watchlist-tracker';

/** What the watchlist panel renders: the chosen change window and the rows (see WatchlistTracker). */
export class WatchlistState {
  window = $state<ChangeWindowId>(DEFAULT_CHANGE_WINDOW);
  rows = $state.raw<readonly WatchRow[]>([]);
  private readonly tracker: WatchlistTracker;

  constructor(reader: BarReader, catalogue: () => InstrumentStore | null) {
    this.tracker = new WatchlistTracker(reader, catalogue, (rows) => (this.rows = rows));
  }

  start(): void {
    this.tracker.start();
  }

  stop(): void {
    this.tracker.stop();
  }

  setInstruments(keys: readonly string[]): void {
    void this.tracker.setInstruments(keys);
  }

  setWindow(id: ChangeWindowId): void {
    this.window = id;
    void this.tracker.setWindow(id);
  }

  applyBatch(updates: readonly CandleUpdate[], health: FeedHealth | undefined): void {
    this.tracker.applyBatch(updates, health);
  }
}
