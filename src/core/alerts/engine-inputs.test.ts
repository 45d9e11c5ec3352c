import { describe, expect, it } from 'vitest';
import { PairAnalytics } from '../stats/pair-analytics';
import { AlertEngine } from './engine';
import type { AlertFiring } from './firing';
import type { AlertInput, HealthInput } from './input';
import { divergencePreset } from './presets';
import { parseRules } from './rule-parse';
import { bar, T0, MINUTE } from './test-bars';

const key = 'binance-spot:BTCUSDT' as const;

function feed(rules: unknown[], inputs: readonly AlertInput[]): AlertFiring[] {
  const engine = new AlertEngine(parseRules(rules));
  return inputs.flatMap((i) => engine.evaluate(i));
}

describe('model, signal and news inputs', () => {
  it('anomaly score ≥ x, once per excursion, filtered by model', () => {
    const scores = [0.2, 0.95, 0.97, 0.5, 0.9];
    const inputs: AlertInput[] = scores.map((score, i) => ({
      type: 'anomaly',
      key,
      timeframe: '1m',
      openTimeMs: T0 + i * MINUTE,
      score,
      model: 'ae',
    }));
    const firings = feed([{ id: 'a', kind: 'anomaly', score: 0.9 }], inputs);
    expect(firings.map((f) => f.value)).toEqual([0.95, 0.9]);
    expect(feed([{ id: 'a', kind: 'anomaly', score: 0.9, model: 'other' }], inputs)).toEqual([]);
  });

  it('signal confidence ≥ x in the asked direction', () => {
    const inputs: AlertInput[] = [
      ['up', 0.8],
      ['down', 0.9],
      ['up', 0.6],
      ['up', 0.75],
    ].map(([direction, confidence], i) => ({
      type: 'signal',
      key,
      timeframe: '1m',
      openTimeMs: T0 + i * MINUTE,
      source: 'forecast',
      direction: direction as 'up' | 'down',
      confidence: confidence as number,
    }));
    const up = feed([{ id: 's', kind: 'signal', confidence: 0.7, direction: 'up' }], inputs);
    expect(up.map((f) => (f.openTimeMs - T0) / MINUTE)).toEqual([0, 3]);
    const any = feed([{ id: 's', kind: 'signal', confidence: 0.7 }], inputs);
    // up 0.8 fires, down 0.9 is still ≥ 0.7 (no re-arm), 0.6 re-arms, 0.75 fires.
    expect(any.map((f) => (f.openTimeMs - T0) / MINUTE)).toEqual([0, 3]);
    expect(feed([{ id: 's', kind: 'signal', confidence: 0.7, source: 'signal' }], inputs)).toEqual([]);
  });

  it('sentiment beyond x with at least n articles in the window', () => {
    const per = [
      [1, -0.5],
      [1, -0.6],
      [2, -0.4],
      [0, 0],
    ];
    const inputs: AlertInput[] = per.map(([articles, meanScore], i) => ({
      type: 'sentiment',
      key,
      timeframe: '1h',
      openTimeMs: T0 + i * 3_600_000,
      articles: articles as number,
      meanScore: meanScore as number,
    }));
    const rule = {
      id: 'n',
      kind: 'sentiment',
      op: 'below',
      value: -0.3,
      minArticles: 3,
      windowMs: 3 * 3_600_000,
      timeframe: '1h',
    };
    const firings = feed([rule], inputs);
    // Hour 2: 4 articles over hours 0..2, mean (−0.5 − 0.6 − 0.8) / 4 = −0.475.
    expect(firings).toHaveLength(1);
    expect(firings[0]?.openTimeMs).toBe(T0 + 2 * 3_600_000);
    expect(firings[0]?.value).toBeCloseTo(-0.475, 12);
    expect(firings[0]?.values['articles']).toBe(4);
  });
});

describe('pair rules', () => {
  it('pair z-score beyond ±x on bars both legs have, as the pair analytics compute it', () => {
    const n = 60;
    const a = Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 3) + (i === 50 ? 8 : 0));
    const b = Array.from({ length: n }, (_, i) => 50 + 0.5 * Math.sin(i / 3) + 0.01 * i);
    const reference = new PairAnalytics({ window: 20 });
    const zs = a.map((x, i) => reference.add(x, b[i] as number).zscore);
    const expected = zs.flatMap((z, i) => (z !== null && Math.abs(z) >= 2.5 ? [i] : []));
    expect(expected).toContain(50);
    const inputs = a.flatMap((x, i) => [
      bar(i, x, { key: 'binance-spot:BTCUSDT' }),
      bar(i, b[i] as number, { key: 'binance-spot:ETHUSDT' }),
    ]);
    const rule = { id: 'z', kind: 'pair-z', a: 'binance-spot:BTCUSDT', b: 'binance-spot:ETHUSDT', z: 2.5, window: 20 };
    const fired = feed([rule], inputs).map((f) => (f.openTimeMs - T0) / MINUTE);
    expect(fired.length).toBeGreaterThan(0);
    // Every firing is at a bar beyond the threshold, and the first of each excursion.
    for (const i of fired) expect(expected).toContain(i);
    expect(fired).toContain(expected[0]);
  });

  it('the seed-004 divergence preset fires when BTC and ETH part by more than 0.5 % within 60 s', () => {
    const rule = divergencePreset('binance-spot:BTCUSDT', 'binance-spot:ETHUSDT');
    const second = 1000;
    const sec = (i: number, close: number, k: 'binance-spot:BTCUSDT' | 'binance-spot:ETHUSDT') => ({
      ...bar(0, close, { key: k, timeframe: '1s' }),
      openTimeMs: T0 + i * second,
    });
    const inputs: AlertInput[] = [];
    for (let i = 0; i <= 120; i++) {
      // BTC jumps 0.6 % at second 100, ETH stays flat.
      inputs.push(sec(i, i >= 100 ? 60360 : 60000, 'binance-spot:BTCUSDT'), sec(i, 3000, 'binance-spot:ETHUSDT'));
    }
    const engine = new AlertEngine([rule]);
    const firings = inputs.flatMap((x) => engine.evaluate(x));
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({
      instrument: 'binance-spot:BTCUSDT',
      other: 'binance-spot:ETHUSDT',
      openTimeMs: T0 + 100 * second,
    });
    expect(firings[0]?.value).toBeCloseTo(0.6, 9);
  });
});

describe('feed health', () => {
  const report = (s: number, connected: boolean, age: number, gaps = 0): HealthInput => ({
    type: 'health',
    venue: 'kraken',
    timeMs: T0 + s * 1000,
    connected,
    lastMessageAgeMs: age,
    gapsUnfillable: gaps,
  });

  it('down for more than N s fires once per outage', () => {
    const inputs = [
      report(0, true, 0),
      report(1, false, 1000),
      report(20, false, 20000),
      report(32, false, 32000),
      report(40, false, 40000),
      report(41, true, 0),
      report(50, false, 0),
      report(90, false, 0),
    ];
    const firings = feed(
      [{ id: 'd', kind: 'feed-health', condition: 'down', afterSec: 30, priority: 'critical' }],
      inputs,
    );
    expect(firings.map((f) => [f.firedAtMs - T0, f.openTimeMs - T0, f.venue])).toEqual([
      [32000, 1000, 'kraken'],
      [90000, 50000, 'kraken'],
    ]);
  });

  it('stale and unfillable gap', () => {
    const inputs = [report(0, true, 0, 2), report(10, true, 16000, 2), report(11, true, 0, 3), report(12, true, 0, 3)];
    expect(feed([{ id: 's', kind: 'feed-health', condition: 'stale', afterSec: 15 }], inputs)).toHaveLength(1);
    const gaps = feed([{ id: 'g', kind: 'feed-health', condition: 'unfillable-gap', venue: 'kraken' }], inputs);
    expect(gaps.map((f) => f.firedAtMs - T0)).toEqual([11000]);
    expect(feed([{ id: 'g', kind: 'feed-health', condition: 'unfillable-gap', venue: 'okx' }], inputs)).toEqual([]);
  });
});
