import { gaussian, mulberry32 } from '../../core/demo/rng';

const HEADER = 'open_time_ms,open,high,low,close,volume,quote_volume,buy_volume,sell_volume,trades';

/**
 * A seeded candles CSV for the `regimes`, `signals` and `backtest` tests: a random walk whose
 * volatility switches between a calm and a turbulent regime every `regimeBars` bars.
 */
export function regimeCandlesCsv(bars: number, seed = 5, regimeBars = 300): string {
  const random = mulberry32(seed);
  const lines = [HEADER];
  let close = 100;
  for (let i = 0; i < bars; i++) {
    const sd = Math.floor(i / regimeBars) % 2 === 0 ? 0.0008 : 0.003;
    const open = close;
    close = open * Math.exp(sd * gaussian(random));
    const high = Math.max(open, close) * (1 + sd * Math.abs(gaussian(random)) * 0.5);
    const low = Math.min(open, close) * (1 - sd * Math.abs(gaussian(random)) * 0.5);
    lines.push([1_700_000_000_000 + i * 60_000, open, high, low, close, 10, close * 10, 5, 5, 7].join(','));
  }
  return `${lines.join('\n')}\n`;
}
