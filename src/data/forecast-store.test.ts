import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TapewatchDb } from './db';
import type { StoredForecast } from './forecast-types';
import { forecastsOfTargets, latestForecastRun, putForecasts } from './forecast-store';

const KEY = { venue: 'binance-spot', symbol: 'BTCUSDT', timeframe: '1m' } as const;
const BAR = 60_000;

function row(originTimeMs: number, model: string, horizon: number, over: Partial<StoredForecast> = {}): StoredForecast {
  const close = 100 + horizon;
  return {
    ...KEY,
    targetTimeMs: originTimeMs + horizon * BAR,
    model,
    horizon,
    version: 'v1',
    originTimeMs,
    close,
    high: close + 1,
    low: close - 1,
    lo80: close - 2,
    hi80: close + 2,
    lo95: close - 3,
    hi95: close + 3,
    pUp: 0.5,
    madeAtMs: originTimeMs + BAR,
    ...over,
  };
}

describe('forecast store', () => {
  it('returns the newest run of a version, by model then horizon; other versions and series stay apart', async () => {
    const db = new TapewatchDb(`forecasts-${Math.random()}`);
    await putForecasts(db, [
      row(0, 'persistence', 1),
      row(0, 'persistence', 2),
      row(BAR, 'persistence', 2),
      row(BAR, 'persistence', 1),
      row(BAR, 'arima', 1),
      row(2 * BAR, 'arima', 1, { version: 'v2' }),
      row(3 * BAR, 'arima', 1, { symbol: 'ETHUSDT' }),
    ]);
    const run = await latestForecastRun(db, KEY, 'v1');
    expect(run.map((r) => `${r.model}:${r.horizon}@${r.originTimeMs}`)).toEqual([
      'arima:1@60000',
      'persistence:1@60000',
      'persistence:2@60000',
    ]);
    expect((await latestForecastRun(db, KEY, 'v2')).map((r) => r.originTimeMs)).toEqual([2 * BAR]);
    expect(await latestForecastRun(db, KEY, 'v3')).toEqual([]);
    db.close();
  });

  it('keys a forecast to its target bar, model and horizon: the same forecast made again replaces it', async () => {
    const db = new TapewatchDb(`forecasts-${Math.random()}`);
    await putForecasts(db, [row(0, 'arima', 1), row(0, 'arima', 2), row(BAR, 'arima', 1)]);
    await putForecasts(db, [row(0, 'arima', 1, { close: 7 })]);
    const oneAhead = await forecastsOfTargets(db, KEY, 'v1', 1, 0, 10 * BAR);
    expect(oneAhead.map((r) => [r.targetTimeMs, r.close])).toEqual([
      [BAR, 7],
      [2 * BAR, 101],
    ]);
    // Two forecasts target bar 2: one made one bar ahead, one two bars ahead.
    expect((await forecastsOfTargets(db, KEY, 'v1', 2, 2 * BAR, 2 * BAR)).map((r) => r.originTimeMs)).toEqual([0]);
    db.close();
  });
});

describe('forecast rows', () => {
  it('round-trips a run through stored rows keyed to their target bars', async () => {
    const { toStoredForecasts, runOfStored } = await import('./forecast-rows');
    const step = (horizon: number) => ({
      horizon,
      close: 1,
      high: 2,
      low: 0,
      lo80: 0.5,
      hi80: 1.5,
      lo95: 0.2,
      hi95: 1.8,
      pUp: 0.5,
    });
    const run = {
      ...KEY,
      originTimeMs: 0,
      version: 'v1',
      models: [
        { name: 'persistence', steps: [step(1), step(2)] },
        { name: 'arima', steps: [step(1)] },
      ],
    };
    const rows = toStoredForecasts(run, 5);
    expect(rows.map((r) => [r.model, r.horizon, r.targetTimeMs])).toEqual([
      ['persistence', 1, BAR],
      ['persistence', 2, 2 * BAR],
      ['arima', 1, BAR],
    ]);
    expect(runOfStored(rows)).toEqual(run);
    expect(runOfStored([])).toBeNull();
  });
});
