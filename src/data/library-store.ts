import type { StoredGap, TapewatchDb } from './db';

/** One stored series: bars of one instrument on one timeframe. */
export interface StoredSeriesSummary {
  readonly timeframe: string;
  readonly bars: number;
  readonly firstMs: number;
  readonly lastMs: number;
}

/** Everything stored for one instrument, as the library lists it. */
export interface LibraryEntry {
  readonly venue: string;
  readonly symbol: string;
  /** One per timeframe with bars, in storage order of the timeframe id. */
  readonly series: readonly StoredSeriesSummary[];
  readonly firstMs: number;
  readonly lastMs: number;
  readonly rawTrades: number;
  readonly gaps: { readonly backfilled: number; readonly unfillable: number; readonly pending: number };
  /** Estimated bytes: rows × the serialised size of a sample row (IndexedDB reports no per-key usage). */
  readonly approxBytes: number;
}

const CANDLE_KEY = '[venue+symbol+timeframe+openTimeMs]';
// IndexedDB orders numbers below strings below arrays: these bound any time inside a compound key.
const LOW = -Infinity;
const HIGH = Infinity;

const rowBytes = (row: unknown): number => (row === undefined ? 0 : JSON.stringify(row).length * 2);

/**
 * Every stored instrument with its series, raw trades and gaps. Reads one key per series (a skip
 * scan over the candle key: first row, then the first row above that series), counts by key
 * ranges, and never loads the bars themselves, so it stays fast with years of history stored.
 */
export async function libraryEntries(db: TapewatchDb): Promise<LibraryEntry[]> {
  const byInstrument = new Map<
    string,
    { venue: string; symbol: string; series: StoredSeriesSummary[]; bytes: number }
  >();
  let next = await db.candles.orderBy(CANDLE_KEY).first();
  while (next !== undefined) {
    const { venue, symbol, timeframe } = next;
    // A fresh collection per query: Dexie's last() reverses and limits the collection it is called on.
    const range = () =>
      db.candles.where(CANDLE_KEY).between([venue, symbol, timeframe, LOW], [venue, symbol, timeframe, HIGH]);
    const [bars, last] = await Promise.all([range().count(), range().last()]);
    const key = `${venue}:${symbol}`;
    const entry = byInstrument.get(key) ?? { venue, symbol, series: [], bytes: 0 };
    entry.series.push({ timeframe, bars, firstMs: next.openTimeMs, lastMs: last?.openTimeMs ?? next.openTimeMs });
    entry.bytes += bars * rowBytes(last ?? next);
    byInstrument.set(key, entry);
    next = await db.candles.where(CANDLE_KEY).above([venue, symbol, timeframe, HIGH]).first();
  }
  const out: LibraryEntry[] = [];
  for (const { venue, symbol, series, bytes } of byInstrument.values()) {
    const trades = () => db.trades.where('[venue+symbol+timeMs]').between([venue, symbol, LOW], [venue, symbol, HIGH]);
    const [rawTrades, sampleTrade, gaps] = await Promise.all([
      trades().count(),
      trades().last(),
      db.gaps.where('[venue+symbol+fromTimeMs]').between([venue, symbol, LOW], [venue, symbol, HIGH]).toArray(),
    ]);
    out.push({
      venue,
      symbol,
      series,
      firstMs: Math.min(...series.map((s) => s.firstMs)),
      lastMs: Math.max(...series.map((s) => s.lastMs)),
      rawTrades,
      gaps: {
        backfilled: gaps.filter((g) => g.state === 'backfilled').length,
        unfillable: gaps.filter((g) => g.state === 'unfillable').length,
        pending: gaps.filter((g) => g.state === 'pending').length,
      },
      approxBytes: bytes + rawTrades * rowBytes(sampleTrade),
    });
  }
  return out;
}

/** Gaps of any instrument that opened at or after `sinceMs`, oldest first (what a reconnect filled). */
export async function gapsSince(db: TapewatchDb, sinceMs: number): Promise<StoredGap[]> {
  const gaps = await db.gaps.filter((g) => g.toTimeMs >= sinceMs).toArray();
  return gaps.sort((a, b) => a.fromTimeMs - b.fromTimeMs);
}
