import { describe, expect, it } from 'vitest';
import { createForecasters, type ForecasterName } from './create-forecasters';
import { MetricsAccumulator, naiveScale, type ForecastMetrics } from './walk-forward/forecast-metrics';
import { trainingSize, walkForward } from './walk-forward/walk-forward';
import { ar1Returns, barsFromReturns } from './synthetic-bars';
import type { ForecastBar } from './forecaster';

async function evaluate(
  bars: readonly ForecastBar[],
  names: readonly ForecasterName[],
  horizon = 1,
  options = {},
): Promise<Record<string, ForecastMetrics>> {
  const models = createForecasters(names, 7, options);
  const metrics = new Map(names.map((n) => [n as string, new MetricsAccumulator()]));
  await walkForward(bars, models, { trainFraction: 0.5, horizon }, (row) => {
    if (row.step.horizon === horizon) metrics.get(row.model)?.add(row);
  });
  const scale = naiveScale(bars.slice(0, trainingSize(bars.length, 0.5)));
  return Object.fromEntries([...metrics].map(([name, acc]) => [name, acc.summary(scale)]));
}

describe('forecasters on synthetic series', () => {
  it('ARIMA beats persistence when the returns are AR(1)', async () => {
    const bars = barsFromReturns(
      ar1Returns(3000, 0.4, () => 0.001, 11),
      () => 0.001,
    );
    const m = await evaluate(bars, ['persistence', 'arima']);
    expect(m.arima!.mase).toBeLessThan(0.95 * m.persistence!.mase);
    expect(m.arima!.directional_accuracy).toBeGreaterThan(0.6);
    expect(m.arima!.brier_up).toBeLessThan(m.persistence!.brier_up);
    expect(m.persistence!.brier_up).toBeCloseTo(0.25, 6);
  });

  it('ARIMA does not beat persistence on a pure random walk', async () => {
    const bars = barsFromReturns(
      ar1Returns(3000, 0, () => 0.001, 12),
      () => 0.001,
    );
    const m = await evaluate(bars, ['persistence', 'arima']);
    expect(m.arima!.mase).toBeGreaterThan(0.99 * m.persistence!.mase);
    expect(Math.abs(m.arima!.directional_accuracy - 0.5)).toBeLessThan(0.04);
  });

  for (const volatility of ['ewma', 'har'] as const) {
    it(`intervals hold their nominal coverage through a volatility regime change (${volatility})`, async () => {
      // Calm, then 4× the volatility, then back: 2,000 bars each; scored on the last 4,000 bars.
      const sigma = (i: number) => (i >= 2000 && i < 4000 ? 0.004 : 0.001);
      const bars = barsFromReturns(ar1Returns(6000, 0, sigma, 21), sigma);
      const m = await evaluate(bars.slice(0), ['persistence'], 1, { volatility });
      const p = m.persistence!;
      expect(Math.abs(p.coverage80 - 0.8)).toBeLessThan(0.03);
      expect(Math.abs(p.coverage95 - 0.95)).toBeLessThan(0.03);
    });
  }

  it('coverage holds inside the high-volatility regime at horizon 5 too', async () => {
    const sigma = (i: number) => (i >= 3000 ? 0.005 : 0.001);
    const bars = barsFromReturns(ar1Returns(6000, 0, sigma, 22), sigma);
    const m = await evaluate(bars, ['persistence'], 5);
    expect(Math.abs(m.persistence!.coverage80 - 0.8)).toBeLessThan(0.03);
    expect(Math.abs(m.persistence!.coverage95 - 0.95)).toBeLessThan(0.03);
  });

  it('is deterministic and causal: the same bars give the same forecasts, later bars change none', async () => {
    const bars = barsFromReturns(
      ar1Returns(1200, 0.3, () => 0.002, 5),
      () => 0.002,
    );
    const run = async (input: readonly ForecastBar[]) => {
      const out: string[] = [];
      await walkForward(
        input,
        createForecasters(['persistence', 'arima'], 3),
        { trainFraction: 0.5, horizon: 3 },
        (r) =>
          out.push(`${r.model},${r.target.openTimeMs},${r.step.horizon},${r.step.close},${r.step.lo80},${r.step.pUp}`),
      );
      return out;
    };
    const a = await run(bars);
    expect(await run(bars)).toEqual(a);
    // Changing the last bar changes no forecast that targets an earlier bar.
    const changed = bars.map((b, i) =>
      i === bars.length - 1 ? { ...b, close: b.close * 1.5, high: b.high * 1.5 } : b,
    );
    const b = await run(changed);
    const last = bars[bars.length - 1]!.openTimeMs;
    const earlier = (rows: string[]) => rows.filter((r) => Number(r.split(',')[1]) < last);
    expect(earlier(b)).toEqual(earlier(a));
  });

  it('every step is ordered: low ≤ close ≤ high, lo95 ≤ lo80 ≤ close ≤ hi80 ≤ hi95, pUp in [0, 1]', async () => {
    const bars = barsFromReturns(
      ar1Returns(800, 0.2, () => 0.002, 9),
      () => 0.002,
    );
    for (const model of createForecasters(['persistence', 'arima'], 1)) {
      await model.fit(bars);
      for (const s of model.forecast(10)) {
        expect(s.low).toBeLessThanOrEqual(s.close);
        expect(s.high).toBeGreaterThanOrEqual(s.close);
        expect(s.lo95).toBeLessThanOrEqual(s.lo80);
        expect(s.lo80).toBeLessThanOrEqual(s.close);
        expect(s.hi80).toBeGreaterThanOrEqual(s.close);
        expect(s.hi95).toBeGreaterThanOrEqual(s.hi80);
        expect(s.pUp).toBeGreaterThanOrEqual(0);
        expect(s.pUp).toBeLessThanOrEqual(1);
      }
      expect(() => model.forecast(11)).toThrow(/horizon/);
    }
  });
});
