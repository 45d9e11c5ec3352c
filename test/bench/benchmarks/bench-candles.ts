import type { Candle } from '../../../src/core/candles/candle';

/** `count` consecutive 1m bars of a plausible random walk, as the store holds them. */
export function benchCandles(count: number, symbol = 'BTCUSDT', startMs = Date.UTC(2023, 0, 1)): Candle[] {
  const out: Candle[] = [];
  let price = 20_000;
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  for (let i = 0; i < count; i++) {
    const open = price;
    price = Math.max(1, price * (1 + (random() - 0.5) * 0.004));
    const high = Math.max(open, price) * (1 + random() * 0.001);
    const low = Math.min(open, price) * (1 - random() * 0.001);
    const volume = (random() * 50).toFixed(5);
    out.push({
      venue: 'binance-spot',
      symbol,
      timeframe: '1m',
      openTimeMs: startMs + i * 60_000,
      open: open.toFixed(2),
      high: high.toFixed(2),
      low: low.toFixed(2),
      close: price.toFixed(2),
      volume,
      quoteVolume: (Number(volume) * price).toFixed(7),
      buyVolume: (Number(volume) / 2).toFixed(6),
      sellVolume: (Number(volume) / 2).toFixed(6),
      trades: 1 + Math.floor(random() * 900),
      vwap: price,
      closed: true,
    });
  }
  return out;
}
