import type { Candle } from '../core/candles/candle';
import type { TimeframeId } from '../core/candles/timeframe';
import { CANDLES_CSV_HEADER, candleCsvRow } from '../core/csv/candles-csv';
import type { StoredTrade, TapewatchDb } from './db';

export type ExportFormat = 'csv' | 'ndjson';

export interface ExportRequest {
  readonly venue: string;
  readonly symbol: string;
  /** A timeframe for candles; 'trades' for raw trades. */
  readonly what: TimeframeId | 'trades';
  readonly fromMs: number;
  readonly toMs: number;
  readonly format: ExportFormat;
}

const TRADES_CSV_HEADER = 'time_ms,id,price,size,side';
/** Rows read per cursor step, so a year of bars never sits in memory twice. */
const PAGE = 10_000;

/**
 * Streams an export as text chunks (the page joins them into a Blob). Candles use the `candles`
 * command's CSV layout; trades `time_ms,id,price,size,side`; NDJSON one object a line.
 */
export async function* exportRange(db: TapewatchDb, req: ExportRequest): AsyncGenerator<string> {
  if (req.format === 'csv') yield `${req.what === 'trades' ? TRADES_CSV_HEADER : CANDLES_CSV_HEADER}\n`;
  let from = req.fromMs;
  // Trades can share a millisecond: a page boundary inside one is resumed after the last seq.
  let after: { timeMs: number; seq: number } | null = null;
  for (;;) {
    const rows: (Candle | StoredTrade)[] =
      req.what === 'trades'
        ? await db.trades
            .where('[venue+symbol+timeMs]')
            .between([req.venue, req.symbol, from], [req.venue, req.symbol, req.toMs], true, true)
            .limit(PAGE)
            .toArray()
        : await db.candles
            .where('[venue+symbol+timeframe+openTimeMs]')
            .between([req.venue, req.symbol, req.what, from], [req.venue, req.symbol, req.what, req.toMs], true, true)
            .limit(PAGE)
            .toArray();
    const seen = after;
    const fresh =
      seen === null ? rows : rows.filter((r) => !('seq' in r) || r.timeMs !== seen.timeMs || (r.seq ?? 0) > seen.seq);
    if (fresh.length === 0) return;
    let chunk = '';
    for (const row of fresh) chunk += `${format(row, req)}\n`;
    yield chunk;
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1] as Candle | StoredTrade;
    if ('openTimeMs' in last) {
      from = last.openTimeMs + 1;
    } else {
      from = last.timeMs;
      after = { timeMs: last.timeMs, seq: last.seq ?? 0 };
    }
  }
}

/** Candle fields an NDJSON export carries, in this order (`vwap`, ids and `closed` are derived or internal). */
const CANDLE_NDJSON_FIELDS = [
  'venue',
  'symbol',
  'timeframe',
  'openTimeMs',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'quoteVolume',
  'buyVolume',
  'sellVolume',
  'trades',
];

function format(row: Candle | StoredTrade, req: ExportRequest): string {
  if ('openTimeMs' in row) {
    if (req.format === 'csv') return candleCsvRow(row);
    return JSON.stringify(row, CANDLE_NDJSON_FIELDS);
  }
  if (req.format === 'csv') return `${row.timeMs},${row.id ?? ''},${row.price},${row.size},${row.side}`;
  return JSON.stringify({
    type: 'trade',
    venue: row.venue,
    symbol: row.symbol,
    id: row.id,
    timeMs: row.timeMs,
    price: row.price,
    size: row.size,
    side: row.side,
  });
}
