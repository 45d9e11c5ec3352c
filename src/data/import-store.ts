import type { Candle } from '../core/candles/candle';
import type { Trade, VenueId } from '../core/exchange/types';
import { mergeImportedBars } from '../core/import/bar-merge';
import type { ImportResult } from '../core/import/parse-import';
import type { StoredTrade, TapewatchDb } from './db';
import type { TradeSequencer } from './trade-key';
import { addTradesOnce } from './trade-key';

export interface ImportWriteSummary {
  /** Bars written (new or replacing a stored closed bar). */
  readonly candles: number;
  /** Stored bars left alone: the forming live bar, or ones the file covers only in part. */
  readonly keptBars: number;
  readonly trades: number;
}

/**
 * Raw trades of an import are staged under a fractional `storedAtMs` before the import commits:
 * live writes store whole milliseconds, so the stamp names exactly this import's rows.
 */
export function stagingStamp(nowMs: number): number {
  return Math.floor(nowMs) + 0.5;
}

/**
 * Writes one batch of an import's raw trades (a file's trades do not fit one transaction). Trades
 * already stored (the live feed, an earlier import) are not added twice; returns the rows added.
 * One `sequencer` per import, so identical id-less prints keep their ranks across batches.
 */
export async function stageTrades(
  db: TapewatchDb,
  trades: readonly Trade[],
  stamp: number,
  sequencer: TradeSequencer,
): Promise<number> {
  const rows: StoredTrade[] = trades.map((t) =>
    sequencer.assign({
      venue: t.venue,
      symbol: t.symbol,
      ...(t.id !== undefined ? { id: t.id } : {}),
      timeMs: t.timeMs,
      price: t.price,
      size: t.size,
      side: t.side,
      storedAtMs: stamp,
    }),
  );
  return addTradesOnce(db.trades, rows);
}

/** Removes the staged trades of an import that failed, leaving the database as it was. */
export async function discardStaged(db: TapewatchDb, stamp: number): Promise<void> {
  await db.trades.where('storedAtMs').equals(stamp).delete();
}

/**
 * Commits an import in ONE transaction: its bars (merged with stored ones by
 * `mergeImportedBars`) and the import record, or nothing. Raw trades were staged before.
 */
export async function commitImport(
  db: TapewatchDb,
  fileName: string,
  result: ImportResult,
  instrument: { venue: VenueId; symbol: string },
  trades: number,
  nowMs: number,
): Promise<ImportWriteSummary> {
  let written = 0;
  let keptBars = 0;
  await db.transaction('rw', db.candles, db.imports, async () => {
    const CHUNK = 5000;
    for (let at = 0; at < result.candles.length; at += CHUNK) {
      const bars = result.candles.slice(at, at + CHUNK);
      const stored = await db.candles.bulkGet(
        bars.map((c) => [c.venue, c.symbol, c.timeframe, c.openTimeMs] as [string, string, string, number]),
      );
      const { put, kept } = mergeImportedBars(bars, stored as (Candle | undefined)[], result);
      if (put.length > 0) await db.candles.bulkPut(put);
      written += put.length;
      keptBars += kept;
    }
    await db.imports.add({
      atMs: nowMs,
      fileName,
      venue: instrument.venue,
      symbol: instrument.symbol,
      kind: result.kind,
      rows: result.rows,
      skipped: result.skipped,
      fromMs: result.fromMs,
      toMs: result.toMs,
    });
  });
  return { candles: written, keptBars, trades };
}
