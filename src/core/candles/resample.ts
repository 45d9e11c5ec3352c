import { add, compare, formatDecimal, parseDecimal, type Decimal } from '../decimal/decimal';
import type { Candle } from './candle';
import { bucketStart, timeframeMs, type TimeframeId } from './timeframe';

function dec(text: string): Decimal {
  const d = parseDecimal(text);
  if (d === null) throw new Error(`not a decimal: ${text}`);
  return d;
}

/**
 * Rolls closed bars up into a longer timeframe (1m klines → 1h), exactly: first open, last close,
 * extreme high/low, summed volumes and counts. Input oldest first; a bar longer than the target
 * or not aligned to it is an error.
 */
export function resampleCandles(bars: readonly Candle[], target: TimeframeId): Candle[] {
  const out: Candle[] = [];
  const length = timeframeMs(target);
  let current: Candle | null = null;
  let sums: { volume: Decimal; quote: Decimal; buy: Decimal; sell: Decimal } | null = null;
  const finish = () => {
    if (current === null || sums === null) return;
    const volume = Number(formatDecimal(sums.volume));
    out.push({
      ...current,
      volume: formatDecimal(sums.volume),
      quoteVolume: formatDecimal(sums.quote),
      buyVolume: formatDecimal(sums.buy),
      sellVolume: formatDecimal(sums.sell),
      vwap: volume > 0 ? Number(formatDecimal(sums.quote)) / volume : Number(current.close),
    });
  };
  for (const bar of bars) {
    if (timeframeMs(bar.timeframe) > length) throw new Error(`cannot resample ${bar.timeframe} bars into ${target}`);
    const open = bucketStart(bar.openTimeMs, target);
    if (current === null || open !== current.openTimeMs) {
      finish();
      current = { ...bar, timeframe: target, openTimeMs: open };
      sums = {
        volume: dec(bar.volume),
        quote: dec(bar.quoteVolume),
        buy: dec(bar.buyVolume),
        sell: dec(bar.sellVolume),
      };
      continue;
    }
    const s = sums as NonNullable<typeof sums>;
    current = {
      ...current,
      high: compare(dec(bar.high), dec(current.high)) > 0 ? bar.high : current.high,
      low: compare(dec(bar.low), dec(current.low)) < 0 ? bar.low : current.low,
      close: bar.close,
      trades: current.trades + bar.trades,
      closed: current.closed && bar.closed,
      ...(bar.lastTradeId !== undefined ? { lastTradeId: bar.lastTradeId } : {}),
    };
    sums = {
      volume: add(s.volume, dec(bar.volume)),
      quote: add(s.quote, dec(bar.quoteVolume)),
      buy: add(s.buy, dec(bar.buyVolume)),
      sell: add(s.sell, dec(bar.sellVolume)),
    };
  }
  finish();
  return out;
}
