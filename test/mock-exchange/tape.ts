import type { Quote, Trade } from '../../src/core/exchange/types';

export interface TapeOptions {
  /** Trades emitted per second of wall time. */
  readonly tradesPerSec: number;
  /**
   * Trade times are the tape's own times shifted so the first one lands at start: the market
   * runs faster than the wall clock, so a test covers many bars in seconds.
   */
  readonly startMs?: number;
}

export interface EmittedTrade extends Trade {
  readonly id: number;
}

/**
 * Plays a list of trades in order, at a rate, to whoever listens, and keeps the log of what
 * was actually "executed" on the mock venue. The log is the truth tests compare against, and
 * what the REST backfill endpoints serve.
 */
export class Tape {
  readonly emitted: EmittedTrade[] = [];
  private readonly byId = new Map<string, Map<number, EmittedTrade>>();
  private timer: NodeJS.Timeout | null = null;
  private listeners = new Set<(trades: EmittedTrade[], quotes: Quote[]) => void>();
  private donePromise: Promise<void> = Promise.resolve();

  onTrades(listener: (trades: EmittedTrade[], quotes: Quote[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts playing; resolves `done()` when the last trade is out. */
  play(trades: readonly Trade[], options: TapeOptions): void {
    this.stop();
    const first = trades[0];
    if (first === undefined) return;
    const shift = (options.startMs ?? Date.now()) - first.timeMs;
    let index = 0;
    const tickMs = 20;
    const perTick = Math.max(1, Math.round((options.tradesPerSec * tickMs) / 1000));
    let resolve!: () => void;
    this.donePromise = new Promise((r) => (resolve = r));
    const tick = () => {
      const batch: EmittedTrade[] = [];
      for (let i = 0; i < perTick && index < trades.length; i++, index++) {
        const t = trades[index] as Trade;
        if (t.id === undefined) throw new Error('tape trades need ids');
        const emitted: EmittedTrade = { ...t, id: t.id, timeMs: t.timeMs + shift };
        batch.push(emitted);
        this.record(emitted);
      }
      const quotes = quotesFor(batch);
      for (const l of this.listeners) l(batch, quotes);
      if (index >= trades.length) {
        this.timer = null;
        resolve();
        return;
      }
      this.timer = setTimeout(tick, tickMs);
    };
    tick();
  }

  done(): Promise<void> {
    return this.donePromise;
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private record(t: EmittedTrade): void {
    this.emitted.push(t);
    let m = this.byId.get(t.symbol);
    if (m === undefined) this.byId.set(t.symbol, (m = new Map()));
    m.set(t.id, t);
  }

  /** Executed trades of a symbol with id ≥ fromId, in id order, at most `limit`. */
  fromId(symbol: string, fromId: number, limit: number): EmittedTrade[] {
    const m = this.byId.get(symbol);
    if (m === undefined) return [];
    const max = this.maxId(symbol);
    const out: EmittedTrade[] = [];
    for (let id = Math.max(fromId, 0); out.length < limit && id <= max; id++) {
      const t = m.get(id);
      if (t !== undefined) out.push(t);
    }
    return out;
  }

  maxId(symbol: string): number {
    let max = -1;
    for (const id of this.byId.get(symbol)?.keys() ?? []) if (id > max) max = id;
    return max;
  }
}

/** A best bid/ask around each symbol's last trade in the batch. */
function quotesFor(batch: readonly EmittedTrade[]): Quote[] {
  const last = new Map<string, EmittedTrade>();
  for (const t of batch) last.set(t.symbol, t);
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
