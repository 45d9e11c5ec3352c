import type { Candle, CandleUpdate } from '../../../core/candles/candle';
import type { TimeframeId } from '../../../core/candles/timeframe';
import { parseInstrumentKey, type VenueId } from '../../../core/exchange/types';
import { demoSymbolFor } from '../../../core/instruments/symbols';
import type { FeedHealth } from '../../../core/feed/feed-health';
import { changeWindow, DEFAULT_CHANGE_WINDOW, type ChangeWindowId } from '../../../core/watchlist/change-window';
import { instrumentFeedState, type InstrumentFeedState } from '../../../core/watchlist/feed-state';
import { decimalsOfPrice, decimalsOfTick, priceAtDecimals } from '../../../core/watchlist/price-text';
import { WindowSeries } from '../../../core/watchlist/window-series';
import type { InstrumentStore } from '../../../data/instrument-store';
import { tickSizeOf } from '../instruments/tick-size';

/** One watchlist line, ready to render. */
export interface WatchRow {
  readonly key: string;
  readonly venue: VenueId;
  readonly symbol: string;
  /** Last price at the instrument's tick precision; null before any bar. */
  readonly last: string | null;
  readonly changePct: number | null;
  readonly partial: boolean;
  readonly fromMs: number;
  readonly closes: readonly number[];
  readonly state: InstrumentFeedState;
}

/** Rows are rebuilt at most this often, however many batches arrive. */
const REFRESH_MS = 500;
/** The window slides with the clock even when nothing trades. */
const CLOCK_REFRESH_MS = 15_000;

interface Tracked {
  readonly key: string;
  /** Where its bars are stored: the instrument itself, or its demo stand-in on demo data. */
  readonly venue: VenueId;
  readonly symbol: string;
  readonly series: WindowSeries;
  decimals: number | null;
}

/** Reads one series' bars of a range (the candle store). */
export interface BarReader {
  range(
    key: { venue: VenueId; symbol: string; timeframe: TimeframeId },
    fromMs: number,
    toMs: number,
  ): Promise<Candle[]>;
}

/**
 * The watchlist's data: each instrument's bars over the change window, read once from storage
 * and then kept current from the batches the page already receives (only bars of the window's
 * timeframe are looked at), summarised into rows a few times a second at most. Not reactive:
 * `onRows` hands each new set of rows to the page's state.
 */
export class WatchlistTracker {
  private window: ChangeWindowId = DEFAULT_CHANGE_WINDOW;
  private tracked = new Map<string, Tracked>();
  private instruments: readonly string[] = [];
  private demo = false;
  private health: FeedHealth | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private clock: ReturnType<typeof setInterval> | null = null;
  private loadToken = 0;

  constructor(
    private readonly reader: BarReader,
    private readonly catalogue: () => InstrumentStore | null,
    private readonly onRows: (rows: readonly WatchRow[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get changeWindow(): ChangeWindowId {
    return this.window;
  }

  start(): void {
    this.clock ??= setInterval(() => this.refresh(), CLOCK_REFRESH_MS);
  }

  stop(): void {
    if (this.clock !== null) clearInterval(this.clock);
    if (this.timer !== null) clearTimeout(this.timer);
    this.clock = null;
    this.timer = null;
  }

  /** The watch list changed (or first load). */
  setInstruments(keys: readonly string[]): Promise<void> {
    this.instruments = [...keys];
    return this.reload();
  }

  setWindow(id: ChangeWindowId): Promise<void> {
    if (id === this.window) return Promise.resolve();
    this.window = id;
    return this.reload();
  }

  /** Feeds one batch: bars of the window's timeframe and the health report. No per-trade work. */
  applyBatch(updates: readonly CandleUpdate[], health: FeedHealth | undefined): void {
    if (health !== undefined) {
      this.health = health;
      const demo = health.source === 'demo';
      if (demo !== this.demo) {
        this.demo = demo;
        void this.reload();
        return;
      }
    }
    const timeframe = changeWindow(this.window).timeframe;
    let touched = health !== undefined;
    for (const u of updates) {
      const c = u.candle;
      if (c.timeframe !== timeframe) continue;
      const t = this.tracked.get(`${c.venue}|${c.symbol}`);
      if (t === undefined) continue;
      t.series.upsert(c);
      t.decimals ??= decimalsOfPrice(c.close);
      touched = true;
    }
    if (touched) this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.refresh();
    }, REFRESH_MS);
  }

  /** Rebuilds the rows now (tests; the page waits for the throttle). */
  refreshNow(): void {
    this.refresh();
  }

  private async reload(): Promise<void> {
    const token = ++this.loadToken;
    const window = changeWindow(this.window);
    const next = new Map<string, Tracked>();
    for (const key of this.instruments) {
      const parsed = parseInstrumentKey(key);
      if (parsed === null) continue;
      const source = this.demo
        ? { venue: 'demo' as VenueId, symbol: demoSymbolFor(key) ?? 'BTCUSDT' }
        : { venue: parsed.venue, symbol: parsed.symbol };
      next.set(`${source.venue}|${source.symbol}`, {
        key,
        ...source,
        series: new WindowSeries(window),
        decimals: null,
      });
    }
    this.tracked = next;
    this.refresh();
    const now = this.now();
    await Promise.all(
      [...next.values()].map(async (t) => {
        const bars = await this.reader.range(
          { venue: t.venue, symbol: t.symbol, timeframe: window.timeframe },
          t.series.readFromMs(now),
          Number.MAX_SAFE_INTEGER,
        );
        if (token !== this.loadToken) return;
        // Live bars that arrived while reading are newer than what was stored: keep them.
        const live = t.series.size;
        if (live === 0) t.series.load(bars);
        else for (const b of bars) if (!t.series.has(b.openTimeMs)) t.series.upsert(b);
        t.decimals = await this.tickDecimals(t, bars.at(-1)?.close);
      }),
    );
    if (token === this.loadToken) this.refresh();
  }

  private async tickDecimals(t: Tracked, sample: string | undefined): Promise<number | null> {
    const tick = await tickSizeOf(t.venue, t.symbol, this.catalogue());
    const fromTick = tick === undefined ? null : decimalsOfTick(tick);
    if (fromTick !== null) return fromTick;
    // No listing: the digits the venue prints.
    return sample === undefined ? t.decimals : decimalsOfPrice(sample);
  }

  private refresh(): void {
    const now = this.now();
    const byKey = new Map([...this.tracked.values()].map((t) => [t.key, t]));
    const rows = this.instruments.flatMap((key): WatchRow[] => {
      const parsed = parseInstrumentKey(key);
      if (parsed === null) return [];
      const t = byKey.get(key);
      const summary = t?.series.summary(now) ?? null;
      return [
        {
          key,
          venue: parsed.venue,
          symbol: parsed.symbol,
          last: summary === null ? null : priceAtDecimals(summary.last, t?.decimals ?? 0),
          changePct: summary?.changePct ?? null,
          partial: summary?.partial ?? false,
          fromMs: summary?.fromMs ?? now,
          closes: summary?.closes ?? [],
          state: instrumentFeedState(this.health, key),
        },
      ];
    });
    this.onRows(rows);
  }
}
