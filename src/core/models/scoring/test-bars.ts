import type { Candle } from '../../candles/candle';

/**
 * Seeded synthetic 1m bars (a quiet random walk) for tests and benchmarks, with an optional
 * price shock: from bar `shockAt` on, prices are `shockFactor` times the walk's and that bar's
 * volume and trade count are 20 times the usual. `drift` is added to each bar's return (a trend).
 */
export function syntheticBars(
  n: number,
  options: {
    seed?: number;
    startMs?: number;
    shockAt?: number;
    shockFactor?: number;
    symbol?: string;
    drift?: number;
  } = {},
): Candle[] {
  let s = options.seed ?? 11;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const start = options.startMs ?? Date.UTC(2024, 0, 1);
  let price = 100;
  const out: Candle[] = [];
  for (let i = 0; i < n; i++) {
    const factor = options.shockAt !== undefined && i >= options.shockAt ? (options.shockFactor ?? 0.95) : 1;
    const burst = i === options.shockAt ? 20 : 1;
    const open = price * (i === options.shockAt ? 1 : factor);
    price *= 1 + (rand() - 0.5) * 0.002 + (options.drift ?? 0);
    const close = price * factor;
    const high = Math.max(open, close) * (1 + rand() * 0.0004);
    const low = Math.min(open, close) * (1 - rand() * 0.0004);
    const volume = (5 + rand() * 5) * burst;
    const buy = volume * (0.4 + rand() * 0.2);
    out.push({
      venue: 'binance-spot',
      symbol: options.symbol ?? 'BTCUSDT',
      timeframe: '1m',
      openTimeMs: start + i * 60_000,
      open: open.toFixed(4),
      high: high.toFixed(4),
      low: low.toFixed(4),
      close: close.toFixed(4),
      volume: volume.toFixed(4),
      quoteVolume: (volume * close).toFixed(4),
      buyVolume: buy.toFixed(4),
      sellVolume: (volume - buy).toFixed(4),
      trades: Math.round((20 + rand() * 20) * burst),
      vwap: close,
      closed: true,
    });
  }
  return out;
}
