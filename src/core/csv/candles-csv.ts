import type { Candle } from '../candles/candle';

/** The `candles` command's output layout; a contract users script against. */
export const CANDLES_CSV_HEADER = 'open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades';

export function candleCsvRow(c: Candle): string {
  return `${c.openTimeMs},${c.open},${c.high},${c.low},${c.close},${c.volume},${c.quoteVolume},${c.buyVolume},${c.sellVolume},${c.trades}`;
}

export function candlesToCsv(candles: readonly Candle[]): string {
  let out = `${CANDLES_CSV_HEADER}\n`;
  for (const c of candles) out += `${candleCsvRow(c)}\n`;
  return out;
}
