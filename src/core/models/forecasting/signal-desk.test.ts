import { describe, expect, it } from 'vitest';
import type { ForecastBar } from '../forecast/forecaster';
import { syntheticBars } from '../scoring/test-bars';
import { toForecastBar } from './forecast-service';
import { SignalDesk } from './signal-desk';

const bars: ForecastBar[] = syntheticBars(400).map(toForecastBar);

/** A pause that is never needed: the test runs the start to its end. */
const pacing = { now: () => 0, yieldNow: () => Promise.resolve() };

describe('SignalDesk news sentiment', () => {
  it("weighs a bar's sentiment in that bar's evidence, and only where the bar had news", async () => {
    const desk = new SignalDesk();
    const history = bars.slice(0, 300);
    const withNews = bars[320] as ForecastBar;
    desk.setSentiment([
      { openTimeMs: withNews.openTimeMs, score: 0.8 },
      { openTimeMs: (bars[330] as ForecastBar).openTimeMs, score: Number.NaN },
    ]);
    await desk.start(history, pacing);
    const evidence = (i: number) => desk.next(bars[i] as ForecastBar, null).evidence;
    for (let i = 300; i < 320; i++) expect(evidence(i).some((e) => e.input === 'sentiment')).toBe(false);
    const at = evidence(320).find((e) => e.input === 'sentiment');
    expect(at).toBeDefined();
    expect(at!.weight).toBeGreaterThan(0);
    expect(at!.detail).toContain('0.8');
    // A non-finite score is no input at all.
    for (let i = 321; i <= 330; i++) expect(evidence(i).some((e) => e.input === 'sentiment')).toBe(false);
  });

  it('a negative sentiment pushes the other way', async () => {
    const desk = new SignalDesk();
    const bar = bars[320] as ForecastBar;
    desk.setSentiment([{ openTimeMs: bar.openTimeMs, score: -0.6 }]);
    await desk.start(bars.slice(0, 320), pacing);
    const at = desk.next(bar, null).evidence.find((e) => e.input === 'sentiment');
    expect(at!.weight).toBeLessThan(0);
  });
});

describe('SignalDesk replay', () => {
  it('returns the trades its replay issued: BUY/SELL only, oldest first, the same for the same bars', async () => {
    const trend = syntheticBars(800, { drift: 0.0004 }).map(toForecastBar);
    const first = await new SignalDesk().start(trend, pacing);
    const again = await new SignalDesk().start(trend, pacing);
    expect(first?.trades.length).toBeGreaterThan(0);
    expect(again?.trades).toEqual(first?.trades);
    const times = first?.trades.map((t) => t.openTimeMs) ?? [];
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    expect(first?.trades.every((t) => t.action === 'BUY' || t.action === 'SELL')).toBe(true);
    // Every replayed decision is backtested on the same bars: the trades are the BUY/SELLs among them.
    expect(first?.backtest?.bars).toBe(800);
    expect((first?.backtest?.signals.buy ?? 0) + (first?.backtest?.signals.sell ?? 0)).toBe(times.length);
    expect(first?.backtest?.signals.hold).toBe(800 - times.length);
    expect(first?.backtest?.fee_bps).toBe(10);
    // A quiet walk at the default costs: the replay issues none.
    expect((await new SignalDesk().start(bars, pacing))?.trades).toEqual([]);
  });
});
