import { DemoMarket } from '../../src/core/demo/demo-market';
import type { Quote, Trade, VenueId } from '../../src/core/exchange/types';

export interface TapeOptions {
  /** Trades emitted per second of wall time. */
  readonly tradesPerSec: number;
  /**
   * Trade times are the tape's own times shifted so the first one lands at start: the market
   * runs faster than the wall clock, so a test covers many bars in seconds.
   */
  readonly startMs?: number;
  /**
   * Continue the previous `play`/`preload` timeline (same shift) instead of starting at
   * `startMs`/now: the market time then never jumps back between two plays of one tape.
   */
  readonly keepTimeline?: boolean;
  /**
   * Hold `tradesPerSec` against the wall clock: each tick sends every trade due by then, so a
   * late timer (a loaded machine) sends more next tick instead of slowing the stream down.
   */
  readonly paced?: boolean;
}

export interface EmittedTrade extends Trade {
  readonly id: number;
  /** Execution order over the whole tape (all venues), from 1: venues with ids shared across symbols derive theirs from it. */
  readonly seq: number;
  /**
   * The trade time in µs: `timeMs` plus a sub-millisecond part that only grows within one
   * instrument, for venues that print µs (Coinbase, Kraken, Bitstamp) and Kraken's ns cursor.
   */
  readonly timeUs: number;
}

/** One tape tick: the mock sends what was executed in it together (and faults reorder within it). */
export const TAPE_TICK_MS = 20;

/**
 * Plays a list of trades in order, at a rate, to whoever listens, and keeps the log of what
 * was actually "executed" on the mock venues. The log is the truth tests compare against, and
 * what the REST backfill endpoints serve. Trades carry their venue; ids are per venue and symbol.
 */
export class Tape {
  readonly emitted: EmittedTrade[] = [];
  /** Every quote sent with a tick, in order (a best bid/ask around each symbol's last trade). */
  readonly quotes: Quote[] = [];
  private readonly byInstrument = new Map<string, { list: EmittedTrade[]; byId: Map<number, EmittedTrade> }>();
  private timer: NodeJS.Timeout | null = null;
  private listeners = new Set<(trades: EmittedTrade[], quotes: Quote[]) => void>();
  private donePromise: Promise<void> = Promise.resolve();
  private shift: number | null = null;

  onTrades(listener: (trades: EmittedTrade[], quotes: Quote[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts playing; resolves `done()` when the last trade is out. */
  play(trades: readonly Trade[], options: TapeOptions): void {
    this.stop();
    const first = trades[0];
    if (first === undefined) return;
    const shift =
      options.keepTimeline === true && this.shift !== null
        ? this.shift
        : (options.startMs ?? Date.now()) - first.timeMs;
    this.shift = shift;
    let index = 0;
    const perTick = Math.max(1, Math.round((options.tradesPerSec * TAPE_TICK_MS) / 1000));
    let resolve!: () => void;
    this.donePromise = new Promise((r) => (resolve = r));
    const startedAt = Date.now();
    const tick = () => {
      const batch: EmittedTrade[] = [];
      const count =
        options.paced === true
          ? Math.floor(((Date.now() - startedAt + TAPE_TICK_MS) * options.tradesPerSec) / 1000) - index
          : perTick;
      for (let i = 0; i < count && index < trades.length; i++, index++) {
        batch.push(this.record(trades[index] as Trade, shift));
      }
      const quotes = quotesFor(batch);
      this.quotes.push(...quotes);
      for (const l of this.listeners) l(batch, quotes);
      if (index >= trades.length) {
        this.timer = null;
        resolve();
        return;
      }
      this.timer = setTimeout(tick, TAPE_TICK_MS);
    };
    tick();
  }

  /**
   * Executes trades at once without sending them: history that happened before anyone listened
   * (what Kraken's trade snapshot, Coinbase's `last_match` and the REST endpoints serve). Times
   * are shifted so the last one lands at `endMs`.
   */
  preload(trades: readonly Trade[], endMs = Date.now()): EmittedTrade[] {
    const last = trades[trades.length - 1];
    if (last === undefined) return [];
    const shift = endMs - last.timeMs;
    this.shift = shift;
    return trades.map((t) => this.record(t, shift));
  }

  done(): Promise<void> {
    return this.donePromise;
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private record(t: Trade, shift: number): EmittedTrade {
    if (t.id === undefined) throw new Error('tape trades need ids');
    const key = instrumentKey(t.venue, t.symbol);
    let instrument = this.byInstrument.get(key);
    if (instrument === undefined) this.byInstrument.set(key, (instrument = { list: [], byId: new Map() }));
    const timeMs = t.timeMs + shift;
    const prev = instrument.list[instrument.list.length - 1];
    const sub =
      prev !== undefined && prev.timeMs === timeMs ? Math.min(999, (prev.timeUs % 1000) + 1) : (t.id * 7919) % 500;
    const emitted: EmittedTrade = { ...t, id: t.id, timeMs, seq: this.emitted.length + 1, timeUs: timeMs * 1000 + sub };
    this.emitted.push(emitted);
    instrument.list.push(emitted);
    instrument.byId.set(emitted.id, emitted);
    return emitted;
  }

  /** Executed trades of one instrument in execution (= id) order. */
  trades(venue: VenueId, symbol: string): readonly EmittedTrade[] {
    return this.byInstrument.get(instrumentKey(venue, symbol))?.list ?? [];
  }

  /** Executed trade by venue, symbol and id. */
  trade(venue: VenueId, symbol: string, id: number): EmittedTrade | undefined {
    return this.byInstrument.get(instrumentKey(venue, symbol))?.byId.get(id);
  }

  /**
   * Executed trades of a symbol with id ≥ fromId, in id order, at most `limit`. Without `venue`,
   * every venue's trades of that symbol (the single-venue behaviour of old).
   */
  fromId(symbol: string, fromId: number, limit: number, venue?: VenueId): EmittedTrade[] {
    const out: EmittedTrade[] = [];
    for (const list of this.lists(symbol, venue)) for (const t of list) if (t.id >= fromId) out.push(t);
    out.sort((a, b) => a.id - b.id);
    return out.slice(0, Math.max(0, limit));
  }

  maxId(symbol: string, venue?: VenueId): number {
    let max = -1;
    for (const list of this.lists(symbol, venue)) {
      const last = list[list.length - 1];
      if (last !== undefined && last.id > max) max = last.id;
    }
    return max;
  }

  private lists(symbol: string, venue: VenueId | undefined): EmittedTrade[][] {
    if (venue !== undefined) return [this.byInstrument.get(instrumentKey(venue, symbol))?.list ?? []];
    const out: EmittedTrade[][] = [];
    for (const [key, value] of this.byInstrument) if (key.endsWith(`\u0000${symbol}`)) out.push(value.list);
    return out;
  }
}

function instrumentKey(venue: string, symbol: string): string {
  return `${venue}\u0000${symbol}`;
}

/** A best bid/ask around each symbol's last trade in the batch. */
function quotesFor(batch: readonly EmittedTrade[]): Quote[] {
  const last = new Map<string, EmittedTrade>();
  for (const t of batch) last.set(instrumentKey(t.venue, t.symbol), t);
  return [...last.values()].map((t) => {
    const decimals = (t.price.split('.')[1] ?? '').length;
    const tick = 10 ** -decimals;
    const p = Number(t.price);
    return {
      venue: t.venue,
      symbol: t.symbol,
      timeMs: t.timeMs,
      bid: (t.side === 'sell' ? p : p - tick).toFixed(decimals),
      bidSize: '1.5',
      ask: (t.side === 'buy' ? p : p + tick).toFixed(decimals),
      askSize: '2.25',
    };
  });
}

type DemoSymbol = 'BTCUSDT' | 'ETHUSDT' | 'SOLUSDT';

/** The demo market's instruments in each venue's own spelling (what its subscribe and payloads use). */
export const VENUE_SYMBOLS: Readonly<Record<Exclude<VenueId, 'demo'>, Readonly<Record<DemoSymbol, string>>>> = {
  'binance-spot': { BTCUSDT: 'BTCUSDT', ETHUSDT: 'ETHUSDT', SOLUSDT: 'SOLUSDT' },
  'binance-usdm': { BTCUSDT: 'BTCUSDT', ETHUSDT: 'ETHUSDT', SOLUSDT: 'SOLUSDT' },
  coinbase: { BTCUSDT: 'BTC-USD', ETHUSDT: 'ETH-USD', SOLUSDT: 'SOL-USD' },
  kraken: { BTCUSDT: 'BTC/USD', ETHUSDT: 'ETH/USD', SOLUSDT: 'SOL/USD' },
  'bybit-spot': { BTCUSDT: 'BTCUSDT', ETHUSDT: 'ETHUSDT', SOLUSDT: 'SOLUSDT' },
  'bybit-linear': { BTCUSDT: 'BTCUSDT', ETHUSDT: 'ETHUSDT', SOLUSDT: 'SOLUSDT' },
  okx: { BTCUSDT: 'BTC-USDT', ETHUSDT: 'ETH-USDT', SOLUSDT: 'SOL-USDT' },
  bitstamp: { BTCUSDT: 'BTCUSD', ETHUSDT: 'ETHUSD', SOLUSDT: 'SOLUSD' },
  finnhub: { BTCUSDT: 'BINANCE:BTCUSDT', ETHUSDT: 'BINANCE:ETHUSDT', SOLUSDT: 'BINANCE:SOLUSDT' },
};

/**
 * `durationMs` of the seeded demo market as one venue's tape, in that venue's symbols (ids are
 * consecutive per symbol; each venue mock turns them into its own id scheme on the wire).
 */
export function demoTape(
  venue: Exclude<VenueId, 'demo'>,
  seed: number,
  durationMs: number,
  symbols: readonly DemoSymbol[] = ['BTCUSDT', 'ETHUSDT'],
): Trade[] {
  const start = Date.UTC(2024, 0, 1);
  const { trades } = new DemoMarket(seed, start).advance(start + durationMs, venue);
  const names = VENUE_SYMBOLS[venue];
  return trades
    .filter((t) => symbols.includes(t.symbol as DemoSymbol))
    .map((t) => ({ ...t, symbol: names[t.symbol as DemoSymbol] }));
}
