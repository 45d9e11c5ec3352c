import { describe, expect, it } from 'vitest';
import type { ForecastBar } from '../forecast/forecaster';
import { maxDrawdown, sharpeRatio } from './equity-stats';
import { runBacktest } from './run-backtest';
import { simulateTrades } from './trade-simulator';

const bar = (i: number, open: number, high: number, low: number, close: number): ForecastBar => ({
  openTimeMs: i * 60_000,
  open,
  high,
  low,
  close,
  volume: 1,
});

describe('simulateTrades', () => {
  const bars = [
    bar(0, 100, 100, 100, 100),
    bar(1, 100, 101, 99.5, 100.5),
    bar(2, 100.5, 103.5, 100, 103),
    bar(3, 103, 104, 102, 103),
  ];
  const buy = { action: 'BUY' as const, stop: 98, target: 103, horizon: 5 };

  it('exits at the target with fees and slippage on both sides', () => {
    const sim = simulateTrades(bars, [buy, null, null, null], { feeBps: 10, slippageBps: 2 });
    const fillIn = 100 * 1.0002;
    const fillOut = 103 * 0.9998;
    const expected = 0.999 * (1 + (fillOut - fillIn) / fillIn) * 0.999;
    expect(sim.trades).toHaveLength(1);
    expect(sim.trades[0]).toMatchObject({ exit: 'target', exitIndex: 2 });
    expect(sim.equity[3]).toBeCloseTo(expected, 12);
  });

  it('takes the stop when stop and target are in the same bar, and fills at the open on a gap', () => {
    const both = [bars[0]!, bar(1, 100, 104, 97, 100)];
    const stopped = simulateTrades(both, [buy, null], { feeBps: 0, slippageBps: 0 }).trades[0];
    expect(stopped?.exit).toBe('stop');
    expect(stopped?.netReturn).toBeCloseTo(-0.02, 12);
    const gap = [bars[0]!, bar(1, 96, 97, 95, 96.5)];
    expect(simulateTrades(gap, [buy, null], { feeBps: 0, slippageBps: 0 }).trades[0]?.netReturn).toBeCloseTo(-0.04, 12);
  });

  it('skips signals while a trade is open and leaves at the close after the horizon', () => {
    const sell = { action: 'SELL' as const, stop: 110, target: 90, horizon: 2 };
    const sim = simulateTrades(bars, [sell, sell, null, null], { feeBps: 0, slippageBps: 0 });
    expect(sim.trades).toHaveLength(1);
    expect(sim.trades[0]).toMatchObject({ exit: 'horizon', exitIndex: 2 });
    expect(sim.trades[0]?.netReturn).toBeCloseTo(-0.03, 12);
  });
});

describe('equity statistics and the report', () => {
  it('drawdown and Sharpe on a hand-made curve', () => {
    expect(maxDrawdown([1, 1.2, 0.9, 1.1, 1.3])).toBeCloseTo(0.25, 12);
    expect(sharpeRatio([1, 1, 1], 100)).toBe(0);
    expect(sharpeRatio([1, 1.01, 1.0201, 1.01], 1)).toBeGreaterThan(0);
  });

  it('buy-and-hold pays both sides; no signals, no trades, an empty reliability curve', () => {
    const bars = [bar(0, 100, 100, 100, 100), bar(1, 100, 111, 99, 110)];
    const hold = { action: 'HOLD' as const, confidence: 0, entry: 100, stop: 100, target: 100, horizon: 20 };
    const report = runBacktest(bars, [hold, { ...hold, entry: 110, stop: 110, target: 110 }], {
      feeBps: 10,
      slippageBps: 0,
    });
    expect(report.buy_and_hold.pnl).toBeCloseTo(1.1 * 0.999 * 0.999 - 1, 12);
    expect(report.strategy.trades).toBe(0);
    expect(report.reliability).toEqual([]);
    expect(report.random.trades_mean).toBe(0);
  });
});
