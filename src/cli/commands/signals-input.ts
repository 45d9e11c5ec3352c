import type { ForecastBar } from '../../core/models/forecast/forecaster';
import { CandleRowCursor } from '../candle-rows';
import type { CliIo } from '../command';

/**
 * The bars of a candles CSV (the layouts `indicators` reads) as numbers, validated row by row;
 * errors are InputErrors naming the file and line. `regimes`, `signals` and `backtest` fit on the
 * whole history, so they hold six numbers a bar (66k 1m bars ≈ 3 MB).
 */
export async function readForecastBars(io: CliIo, path: string): Promise<ForecastBar[]> {
  const cursor = new CandleRowCursor(io, path);
  const bars: ForecastBar[] = [];
  for (let row = await cursor.next(); row !== null; row = await cursor.next()) {
    bars.push({
      openTimeMs: row.timeMs,
      open: row.open,
      high: row.high,
      low: row.low,
      close: row.close,
      volume: row.volume,
    });
  }
  return bars;
}
