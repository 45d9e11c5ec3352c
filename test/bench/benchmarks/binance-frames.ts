import { DemoMarket } from '../../../src/core/demo/demo-market';

/**
 * Binance spot combined-stream trade frames, byte-for-byte in the documented shape, from the
 * simulated market (two symbols, realistic prices and sizes).
 */
export function binanceTradeFrames(count: number): string[] {
  const frames: string[] = [];
  const start = Date.UTC(2024, 7, 8, 23, 54);
  const market = new DemoMarket(99, start);
  let t = start;
  while (frames.length < count) {
    t += 60_000;
    for (const trade of market.advance(t, 'binance-spot').trades) {
      if (frames.length >= count) break;
      const data = {
        e: 'trade',
        E: trade.timeMs + 1,
        s: trade.symbol,
        t: trade.id,
        p: trade.price,
        q: trade.size,
        T: trade.timeMs,
        m: trade.side === 'sell',
        M: true,
      };
      frames.push(JSON.stringify({ stream: `${trade.symbol.toLowerCase()}@trade`, data }));
    }
  }
  return frames;
}
