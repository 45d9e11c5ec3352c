import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticBars } from '../scoring/test-bars';
import type { Forecaster } from '../forecast/forecaster';
import { createForecasters } from '../forecast/create-forecasters';
import { ForecastService, type ForecastPorts, type ForecastSchedule } from './forecast-service';
import type { ForecastRun, ForecastStatus, RegimeUpdate } from './forecast-types';
import type { Signal } from '../signals/signal';
import type { BacktestReport } from '../backtest';
import { GuardedModel } from './guarded-model';

const SERIES = { venue: 'binance-spot', symbol: 'BTCUSDT', timeframe: '1m' } as const;

function harness(
  stored: number,
  factories?: (now: () => number) => (() => GuardedModel)[],
  pacing: Partial<Pick<ForecastPorts, 'now' | 'yieldNow'>> = {},
  drift = 0,
  schedule?: ForecastSchedule,
) {
  const bars = syntheticBars(stored + 5, { drift });
  /** Every output in the order it was made. */
  const events: string[] = [];
  const runs: ForecastRun[] = [];
  const stores: ForecastRun[] = [];
  const signals: Signal[] = [];
  const replayed: Signal[][] = [];
  const backtests: (BacktestReport | null)[] = [];
  const regimes: RegimeUpdate[] = [];
  const prepared: string[] = [];
  let status: ForecastStatus | null = null;
  const ports: ForecastPorts = {
    latestBars: (_s, limit) => Promise.resolve(bars.slice(0, stored).slice(-limit)),
    putRuns: (r) => (stores.push(...r), Promise.resolve()),
    now: pacing.now ?? (() => performance.now()),
    yieldNow: pacing.yieldNow ?? (() => Promise.resolve()),
    prepare: (model) => (prepared.push(model), Promise.resolve()),
    replayed: (_s, r) => (
      replayed.push([...r.trades]),
      backtests.push(r.backtest),
      events.push('replayed'),
      Promise.resolve()
    ),
  };
  const service = new ForecastService(
    ports,
    (r) => (runs.push(r), events.push(`run ${r.originTimeMs}`)),
    (s) => (status = s),
    schedule,
    factories?.(ports.now),
    (s) => (signals.push(s), events.push(`signal ${s.openTimeMs}`)),
    (u) => (regimes.push(u), events.push(u.reset ? 'regimes' : `regime ${u.rows[0]?.openTimeMs}`)),
  );
  return {
    service,
    bars,
    runs,
    stores,
    signals,
    replayed,
    backtests,
    regimes,
    prepared,
    events,
    status: () => status as ForecastStatus | null,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

/** A forecaster that works for `good` forecasts, then returns NaN. */
function turnsNaN(good: number): Forecaster {
  const inner = createForecasters(['persistence'], 1)[0] as Forecaster;
  let calls = 0;
  return {
    name: 'fragile',
    fit: (h) => inner.fit(h),
    observe: (b) => inner.observe(b),
    forecast: (h) => (++calls > good ? inner.forecast(h).map((s) => ({ ...s, close: NaN })) : inner.forecast(h)),
    dispose: () => inner.dispose(),
  };
}

describe('forecast service', () => {
  // The tapewatch network runs on TF.js: cpu in Node (the worker picks wasm).
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('fits on stored history, scores the newest bars out of sample, then forecasts each closed bar', async () => {
    const h = harness(600);
    await h.service.setScope(SERIES);
    const status = h.status();
    expect(status?.phase).toBe('live');
    expect(status?.fittedBars).toBe(400);
    expect(h.prepared).toEqual(['persistence', 'arima', 'tapewatch']);
    const [persistence, arima, tapewatch] = status?.models ?? [];
    // The network is judged like ARIMA: on a random walk it is never called better than persistence.
    expect(tapewatch).toMatchObject({ name: 'tapewatch', state: 'ready' });
    expect(tapewatch?.score.bars).toBe(200);
    expect(tapewatch?.score.verdict).not.toBe('better');
    expect(persistence?.score.bars).toBe(200);
    expect(persistence?.score.verdict).toBe('baseline');
    expect(persistence?.score.mase).toBeCloseTo(1, 0);
    expect(arima?.state).toBe('ready');
    expect(arima?.detail).toMatch(/^\(\d,1,\d\)$/);
    // A random walk: ARIMA is never called better than persistence on it.
    expect(arima?.score.verdict).not.toBe('better');
    // Coverage of the persistence intervals on a walk it describes is near nominal.
    expect(persistence?.score.coverage80).toBeGreaterThan(0.7);
    expect(persistence?.score.coverage95).toBeGreaterThan(0.88);
    expect(h.stores.length).toBe(201);

    const next = h.bars[600] as (typeof h.bars)[number];
    h.service.apply([{ kind: 'replace', candle: { ...next, closed: false } }]);
    h.service.apply([{ kind: 'add', candle: next }]);
    await settle();
    const last = h.runs[h.runs.length - 1] as ForecastRun;
    expect(last.originTimeMs).toBe(next.openTimeMs);
    expect(last.models.map((m) => m.name)).toEqual(['persistence', 'arima', 'tapewatch']);
    for (const m of last.models) {
      expect(m.steps.map((s) => s.horizon)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (const s of m.steps)
        expect(s.lo95 <= s.lo80 && s.lo80 <= s.close && s.close <= s.hi80 && s.hi80 <= s.hi95).toBe(true);
    }
    // Wider intervals further ahead.
    const p = last.models[0]?.steps ?? [];
    expect((p[9]?.hi95 ?? 0) - (p[9]?.lo95 ?? 0)).toBeGreaterThan((p[0]?.hi95 ?? 0) - (p[0]?.lo95 ?? 0));
    expect(h.status()?.models[0]?.score.bars).toBe(200);

    // The decision layer: one signal after the replay of the stored bars, one for the live bar.
    expect(h.signals.map((s) => s.openTimeMs)).toEqual([
      (h.bars[599] as (typeof h.bars)[number]).openTimeMs,
      next.openTimeMs,
    ]);
    for (const s of h.signals) {
      expect(['BUY', 'SELL', 'HOLD']).toContain(s.action);
      expect(s.confidence).toBeGreaterThanOrEqual(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
      expect(s.evidence.length).toBeGreaterThan(0);
    }
    // The live bar's decision saw the best model's (here persistence's) forecast.
    expect(h.signals[1]?.evidence.some((e) => e.input.startsWith('forecast:'))).toBe(true);

    // Regimes: every stored bar past the 20-bar feature warm-up at once, then the live bar's.
    const [history, live] = h.regimes;
    expect(h.regimes.length).toBe(2);
    expect(history).toMatchObject({ ...SERIES, reset: true });
    expect([...(history?.names ?? [])].sort()).toEqual(['calm', 'volatile']);
    expect(history?.rows.map((r) => r.openTimeMs)).toEqual(h.bars.slice(20, 600).map((b) => b.openTimeMs));
    for (const r of history?.rows ?? []) {
      expect(r.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      expect(r.probabilities[r.state]).toBe(Math.max(...r.probabilities));
    }
    expect(live).toMatchObject({ reset: false, names: history?.names });
    expect(live?.rows.map((r) => r.openTimeMs)).toEqual([next.openTimeMs]);
  });

  it('keeps forecasting while the regimes are fitted and the signals replayed, then decides the bars that waited', async () => {
    // A clock that moves 5 ms a look and real macrotask pauses: the desk's start takes many slices.
    let clock = 0;
    const h = harness(600, undefined, {
      now: () => (clock += 5),
      yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0)),
    });
    await h.service.setScope(SERIES);
    expect(h.status()?.phase).toBe('live');
    expect(h.status()?.message).toMatch(/fitting regimes and replaying signals/);
    expect(h.regimes).toEqual([]);
    const next = h.bars[600] as (typeof h.bars)[number];
    h.service.apply([{ kind: 'add', candle: next }]);
    for (let i = 0; i < 5_000 && !h.events.includes(`regime ${next.openTimeMs}`); i++) await settle();
    const at = (event: string) => h.events.indexOf(event);
    // The live bar was forecast before the regime fit ended; its decision came after the replay's.
    expect(at(`run ${next.openTimeMs}`)).toBeGreaterThanOrEqual(0);
    expect(at(`run ${next.openTimeMs}`)).toBeLessThan(at('regimes'));
    expect(at('regimes')).toBeLessThan(at(`signal ${next.openTimeMs}`));
    expect(at(`signal ${next.openTimeMs}`)).toBeLessThan(at(`regime ${next.openTimeMs}`));
    expect(h.signals.map((s) => s.openTimeMs)).toEqual([
      (h.bars[599] as (typeof h.bars)[number]).openTimeMs,
      next.openTimeMs,
    ]);
    expect(h.status()?.message).toBe('Forecasting each closed bar');
  });

  it("stores the trades the replay of the stored bars issued, once, before the replay's last decision", async () => {
    // A steady up-trend: the replayed engine learns that BUY candidates work and issues some.
    const h = harness(
      600,
      (now) => [() => new GuardedModel(createForecasters(['persistence'], 1)[0] as Forecaster, now)],
      {},
      0.0004,
    );
    await h.service.setScope(SERIES);
    for (let i = 0; i < 100 && h.signals.length === 0; i++) await settle();
    expect(h.replayed.length).toBe(1);
    const trades = h.replayed[0] ?? [];
    expect(trades.length).toBeGreaterThan(0);
    // The replay's backtest covers the stored bars and exactly the trades it issued.
    const report = h.backtests[0];
    expect(report?.bars).toBe(600);
    expect((report?.signals.buy ?? 0) + (report?.signals.sell ?? 0)).toBe(trades.length);
    expect(report?.strategy.trades).toBeGreaterThan(0);
    const times = new Set(h.bars.slice(0, 600).map((b) => b.openTimeMs));
    for (const [i, t] of trades.entries()) {
      expect(['BUY', 'SELL']).toContain(t.action);
      expect(times.has(t.openTimeMs)).toBe(true);
      if (i > 0) expect(t.openTimeMs).toBeGreaterThan((trades[i - 1] as Signal).openTimeMs);
      // Replayed without a forecast: none was made for past bars.
      expect(t.evidence.some((e) => e.input.startsWith('forecast:'))).toBe(false);
    }
    expect(h.events.indexOf('replayed')).toBeLessThan(h.events.indexOf(`signal ${h.signals[0]?.openTimeMs}`));
    // The replay's last decision is its last trade when that bar issued one.
    const last = h.signals[0] as Signal;
    if (last.action !== 'HOLD') expect(trades[trades.length - 1]).toEqual(last);
    // Live bars are not replayed again.
    h.service.apply([{ kind: 'add', candle: h.bars[600] as (typeof h.bars)[number] }]);
    for (let i = 0; i < 50 && h.signals.length < 2; i++) await settle();
    expect(h.signals.length).toBe(2);
    expect(h.replayed.length).toBe(1);
  });

  it('refits a model that is due in the background, swaps it in and keeps forecasting; a failed refit keeps the fit', async () => {
    let fits = 0;
    // ARIMA's second fit fails: the first fit keeps forecasting.
    const fragileArima = (): Forecaster => {
      const inner = createForecasters(['arima'], 1)[0] as Forecaster;
      return {
        name: 'arima',
        fit: (h) => (++fits > 1 ? Promise.reject(new Error('no convergence')) : inner.fit(h)),
        observe: (b) => inner.observe(b),
        forecast: (n) => inner.forecast(n),
        dispose: () => inner.dispose(),
      };
    };
    const h = harness(
      300,
      (now) => [
        () => new GuardedModel(createForecasters(['persistence'], 1)[0] as Forecaster, now),
        () => new GuardedModel(fragileArima(), now),
      ],
      {},
      0,
      // Due on schedule after 50 bars; the 100 scored bars already count.
      {
        minBars: 120,
        historyBars: 1_500,
        scoredBars: 100,
        refit: { everyBars: 50, judgedBars: 1_000, coverage80: [0, 1] },
      },
    );
    await h.service.setScope(SERIES);
    expect(h.status()?.models.map((m) => m.fit)).toEqual([null, null]);
    const next = h.bars[300] as (typeof h.bars)[number];
    h.service.apply([{ kind: 'add', candle: next }]);
    for (let i = 0; i < 200 && (h.status()?.models ?? []).some((m) => m.fit === null); i++) await settle();
    const at = new Date(next.openTimeMs).toISOString().slice(11, 16);
    const [persistence, arima] = h.status()?.models ?? [];
    expect(persistence?.fit).toBe(`refitted on 301 bars at ${at} (scheduled: 101 bars since the last fit)`);
    expect(arima?.fit).toBe(`refit at ${at} failed (fitting failed: no convergence); kept the last fit`);
    expect(arima?.state).toBe('ready');
    expect(h.prepared.filter((m) => m === 'persistence').length).toBe(2);
    // Both keep forecasting the next bar: the refitted persistence and the kept ARIMA.
    const after = h.bars[301] as (typeof h.bars)[number];
    h.service.apply([{ kind: 'add', candle: after }]);
    for (let i = 0; i < 50 && h.runs[h.runs.length - 1]?.originTimeMs !== after.openTimeMs; i++) await settle();
    const last = h.runs[h.runs.length - 1] as ForecastRun;
    expect(last.originTimeMs).toBe(after.openTimeMs);
    expect(last.models.map((m) => m.name)).toEqual(['persistence', 'arima']);
    // The refitted persistence forecasts from the newest close it was shown.
    expect(last.models[0]?.steps[0]?.close).toBeCloseTo(Number(after.close), 9);
    // Neither is due again on the next bar: both records start afresh (a failed refit waits too).
    expect(fits).toBe(2);
  });

  it('a model switched off for NaN is brought back by its scheduled refit', async () => {
    const h = harness(
      300,
      (now) => [
        () => new GuardedModel(createForecasters(['persistence'], 1)[0] as Forecaster, now),
        () => new GuardedModel(turnsNaN(10), now),
      ],
      {},
      0,
      {
        minBars: 120,
        historyBars: 1_500,
        scoredBars: 100,
        refit: { everyBars: 50, judgedBars: 1_000, coverage80: [0, 1] },
      },
    );
    await h.service.setScope(SERIES);
    expect(h.status()?.models[1]).toMatchObject({ name: 'fragile', state: 'off' });
    h.service.apply([{ kind: 'add', candle: h.bars[300] as (typeof h.bars)[number] }]);
    for (let i = 0; i < 200 && h.status()?.models[1]?.state !== 'ready'; i++) await settle();
    expect(h.status()?.models[1]).toMatchObject({ state: 'ready', reason: null });
    expect(h.status()?.models[1]?.fit).toMatch(
      /^refitted on 301 bars at \d\d:\d\d \(scheduled: 101 bars since the last fit\)$/,
    );
  });

  it('scores a model only on bars after those its parameters were fitted on (a reused network)', async () => {
    let through = -Infinity;
    const reused = (): Forecaster => {
      const inner = createForecasters(['persistence'], 1)[0] as Forecaster;
      return {
        name: 'tapewatch',
        get fittedThroughMs() {
          return through;
        },
        fit: (h) => inner.fit(h),
        observe: (b) => inner.observe(b),
        forecast: (n) => inner.forecast(n),
        dispose: () => inner.dispose(),
      } as Forecaster;
    };
    const h = harness(
      300,
      (now) => [
        () => new GuardedModel(createForecasters(['persistence'], 1)[0] as Forecaster, now),
        () => new GuardedModel(reused(), now),
      ],
      {},
      0,
      { minBars: 120, historyBars: 1_500, scoredBars: 100 },
    );
    // Fitted on bars 0..199; its parameters reach bar 250 of the 100 walked (200..299).
    through = (h.bars[250] as (typeof h.bars)[number]).openTimeMs;
    await h.service.setScope(SERIES);
    const [persistence, network] = h.status()?.models ?? [];
    expect(persistence?.score.bars).toBe(100);
    expect(network?.score.bars).toBe(49);
  });

  it('stops fitting the regimes of a series the chart left', async () => {
    let clock = 0;
    let pauses = 0;
    const h = harness(600, undefined, {
      now: () => (clock += 5),
      yieldNow: () => (pauses++, new Promise((resolve) => setTimeout(resolve, 0))),
    });
    await h.service.setScope(SERIES);
    await h.service.setScope(null);
    const left = pauses;
    for (let i = 0; i < 200; i++) await settle();
    // The start stops at its next pause (one more at most), instead of fitting and replaying to
    // the end (10 more pauses here without the check).
    expect(pauses).toBeLessThanOrEqual(left + 1);
    expect(h.regimes).toEqual([]);
    expect(h.signals).toEqual([]);
    expect(h.status()?.phase).toBe('idle');
  });

  it("gives the decision layer the series' news sentiment, also when it arrived before the series was shown", async () => {
    const h = harness(300, (now) => [
      () => new GuardedModel(createForecasters(['persistence'], 1)[0] as Forecaster, now),
    ]);
    const next = h.bars[300] as (typeof h.bars)[number];
    h.service.setSentiment(SERIES, [{ openTimeMs: next.openTimeMs, score: 0.7 }]);
    // Another series' news is not this one's.
    h.service.setSentiment({ ...SERIES, symbol: 'ETHUSDT' }, [{ openTimeMs: next.openTimeMs, score: -0.9 }]);
    h.service.setSentiment(SERIES, [{ openTimeMs: next.openTimeMs, score: 0.7 }]);
    await h.service.setScope(SERIES);
    for (let i = 0; i < 50 && h.signals.length === 0; i++) await settle();
    h.service.apply([{ kind: 'add', candle: next }]);
    for (let i = 0; i < 50 && h.signals.length < 2; i++) await settle();
    const live = h.signals.find((s) => s.openTimeMs === next.openTimeMs);
    const evidence = live?.evidence.find((e) => e.input === 'sentiment');
    expect(evidence?.weight).toBeGreaterThan(0);
    expect(
      h.signals
        .filter((s) => s.openTimeMs !== next.openTimeMs)
        .every((s) => !s.evidence.some((e) => e.input === 'sentiment')),
    ).toBe(true);
  });

  it('waits for enough closed bars, then fits from the live ones', async () => {
    const h = harness(50);
    await h.service.setScope(SERIES);
    expect(h.status()?.phase).toBe('waiting');
    expect(h.status()?.message).toBe('Needs 120 closed bars to fit, has 50');
    const more = syntheticBars(130).slice(50);
    h.service.apply(more.map((candle) => ({ kind: 'add' as const, candle })));
    for (let i = 0; i < 5; i++) await settle();
    expect(h.status()?.phase).toBe('live');
    expect(h.runs.length).toBeGreaterThan(0);
  });

  it('switches off a model that returns NaN, with the reason; persistence keeps forecasting', async () => {
    const h = harness(300, (now) => [
      () => new GuardedModel(createForecasters(['persistence'], 1)[0] as Forecaster, now),
      () => new GuardedModel(turnsNaN(10), now),
    ]);
    await h.service.setScope(SERIES);
    const fragile = h.status()?.models[1];
    expect(fragile?.state).toBe('off');
    expect(fragile?.reason).toBe('returned NaN or Infinity (1 bars ahead)');
    const last = h.runs[h.runs.length - 1] as ForecastRun;
    expect(last.models.map((m) => m.name)).toEqual(['persistence']);
    for (const r of h.runs)
      for (const m of r.models) for (const s of m.steps) expect(Number.isFinite(s.close)).toBe(true);
  });

  it('switches off a model whose fit throws', async () => {
    const broken: Forecaster = {
      name: 'broken',
      fit: () => {
        throw new Error('singular matrix');
      },
      observe: () => undefined,
      forecast: () => [],
      dispose: () => undefined,
    };
    const h = harness(300, (now) => [
      () => new GuardedModel(createForecasters(['persistence'], 1)[0] as Forecaster, now),
      () => new GuardedModel(broken, now),
    ]);
    await h.service.setScope(SERIES);
    expect(h.status()?.models[1]).toMatchObject({ state: 'off', reason: 'fitting failed: singular matrix' });
    expect(h.status()?.models[0]?.state).toBe('ready');
  });
});
