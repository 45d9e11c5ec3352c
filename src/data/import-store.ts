import type { ImportResult } from '../core/import/parse-import';
import type { StoredTrade, TapewatchDb } from './db';
import { addTradesOnce, TradeSequencer } from './trade-key';

export interface ImportWriteSummary {
  readonly candles: number;
  readonly trades: number;
}

/**
 * Writes an import in ONE transaction: bars, raw trades and the import record commit together or
 * not at all, so a failure (quota, a closed tab) leaves the database exactly as it was.
 */
export async function writeImport(
  db: TapewatchDb,
  fileName: string,
  result: ImportResult,
  nowMs: number,
): Promise<ImportWriteSummary> {
  const first = result.candles[0] ?? null;
  const venue = first?.venue ?? result.trades[0]?.venue ?? 'demo';
  const symbol = first?.symbol ?? result.trades[0]?.symbol ?? '';
  const sequencer = new TradeSequencer();
  const trades: StoredTrade[] = result.trades.map((t) =>
    sequencer.assign({
      venue: t.venue,
      symbol: t.symbol,
      ...(t.id !== undefined ? { id: t.id } : {}),
      timeMs: t.timeMs,
      price: t.price,
      size: t.size,
      side: t.side,
      storedAtMs: nowMs,
    }),
  );
  await db.transaction('rw', db.candles, db.trades, db.imports, async () => {
    await db.candles.bulkPut([...result.candles]);
    // Raw trades already stored (an earlier import, the live feed) are not added twice.
    await addTradesOnce(db.trades, trades);
    await db.imports.add({
      atMs: nowMs,
      fileName,
      venue,
      symbol,
      kind: result.kind,
      rows: result.rows,
      skipped: result.skipped,
      fromMs: result.fromMs,
      toMs: result.toMs,
    });
  });
  return { candles: result.candles.length, trades: trades.length };
}
