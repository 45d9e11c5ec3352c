import { describe, expect, it } from 'vitest';
import { createIndicatorFromSpec } from '../indicators/registry';
import { AlertEngine } from './engine';
import type { AlertFiring } from './firing';
import type { AlertBar } from './input';
import type { AlertRule } from './rule';
import { parseRules } from './rule-parse';
import { bar, bars, T0, MINUTE } from './test-bars';

function run(rules: unknown[], input: readonly AlertBar[]): AlertFiring[] {
  const engine = new AlertEngine(parseRules(rules));
  return input.flatMap((b) => engine.evaluate(b));
}

/** Bar indexes that fired. */
const at = (firings: readonly AlertFiring[]): number[] => firings.map((f) => (f.openTimeMs - T0) / MINUTE);

describe('price rules', () => {
  it('crosses-above fires at t when close(t−1) ≤ level < close(t), compared exactly', () => {
    const rule = { id: 'px', kind: 'price', op: 'crosses-above', value: '57000' };
    const closes = ['56999.99', '57000', '57000.00000001', '56000', '57000.5', '57001'];
    const firings = run([rule], bars(closes));
    expect(at(firings)).toEqual([2, 4]);
    expect(firings[0]).toMatchObject({
      ruleId: 'px',
      value: '57000.00000001',
      values: { close: '57000.00000001', level: '57000' },
      priority: 'normal',
      reason: 'close 57000.00000001 crossed above 57000',
      dedupKey: `px|binance-spot:BTCUSDT|1m|${T0 + 2 * MINUTE}`,
      quiet: false,
      intrabar: false,
    });
  });

  it('a first bar already above the level does not fire (no bar t−1)', () => {
    expect(run([{ id: 'px', kind: 'price', op: 'crosses-above', value: 10 }], bars([11, 12, 9, 11]))).toHaveLength(1);
  });

  it('crosses-below mirrors (≥ then <), crosses fires both ways', () => {
    const closes = [11, 10, 9, 10, 11, 9];
    expect(at(run([{ id: 'd', kind: 'price', op: 'crosses-below', value: 10 }], bars(closes)))).toEqual([2, 5]);
    expect(at(run([{ id: 'e', kind: 'price', op: 'crosses', value: 10 }], bars(closes)))).toEqual([2, 4, 5]);
  });

  it('hysteresis: a close hovering at the level fires once until it goes back past level − h', () => {
    const rule = { id: 'h', kind: 'price', op: 'crosses-above', value: '100', hysteresis: '1' };
    const closes = [99, 100.1, 99.9, 100.2, 99.5, 100.3, 98.9, 100.4, 99, 101];
    // Re-armed by 98.9 (≤ 99) and by 99 (≤ 99): fires at 1, 7 and 9.
    expect(at(run([rule], bars(closes)))).toEqual([1, 7, 9]);
    expect(at(run([{ ...rule, hysteresis: 0 }], bars(closes)))).toEqual([1, 3, 5, 7, 9]);
  });

  it('hysteresis on crosses either way', () => {
    const rule = { id: 'h', kind: 'price', op: 'crosses', value: 100, hysteresis: 1 };
    const closes = [98, 100.5, 99.5, 100.5, 99.5, 101.5, 99.5, 98.5];
    // Up at 1 (armed by 98); down needs a close ≥ 101 first: 101.5 then 99.5 fires at 6.
    expect(at(run([rule], bars(closes)))).toEqual([1, 6]);
  });
});

describe('indicator rules', () => {
  it('close crosses SMA 3 on hand-computed values', () => {
    // sma3: bar2 10, bar3 9.667, bar4 10.333; close − sma: 0, −0.667, +1.667 → crosses above at bar 4.
    const rule = { id: 's', kind: 'indicator', indicator: 'close', op: 'crosses-above', other: 'sma:3' };
    const firings = run([rule], bars([10, 10, 10, 9, 12]));
    expect(at(firings)).toEqual([4]);
    expect(firings[0]?.values).toEqual({ close: 12, sma_3: 31 / 3 });
  });

  it('rsi:14 crosses above 70 exactly where the rsi column does', () => {
    // A slow wave: rsi swings through 70 several times.
    const closes = Array.from({ length: 120 }, (_, i) => 100 + 10 * Math.sin(i / 5) + (i % 3) * 0.2);
    const rsi = createIndicatorFromSpec('rsi:14');
    const series = bars(closes);
    const values = series.map((b) => rsi.add({ timeMs: b.openTimeMs, ...b })?.['rsi'] ?? null);
    const expected: number[] = [];
    for (let t = 1; t < values.length; t++) {
      const prev = values[t - 1];
      const now = values[t];
      if (prev !== null && prev !== undefined && now !== null && now !== undefined && prev <= 70 && now > 70)
        expected.push(t);
    }
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const rule = {
      id: 'rsi-up',
      kind: 'indicator',
      indicator: 'rsi:14',
      op: 'crosses-above',
      value: 70,
      trigger: 'every-time',
    };
    expect(at(run([rule], series))).toEqual(expected);
  });

  it('a threshold condition fires on its first true value, then re-arms only when false again', () => {
    const rule = { id: 'c', kind: 'indicator', indicator: 'close', op: 'above', value: 10 };
    expect(at(run([rule], bars([11, 12, 9, 11, 12])))).toEqual([0, 3]);
  });

  it('says why it does not fire while warming up', () => {
    const engine = new AlertEngine(
      parseRules([{ id: 'r', kind: 'indicator', indicator: 'rsi:14', op: 'above', value: 70 }]),
    );
    engine.evaluate(bar(0, 100));
    expect(engine.states()[0]?.lastEvaluation).toMatchObject({ fired: false, why: 'rsi_14 warming up' });
  });
});

describe('move and spike rules', () => {
  it('move: close vs the close windowMs earlier', () => {
    const rule = { id: 'm', kind: 'move', pct: 2, windowMs: 2 * MINUTE, direction: 'up' };
    // bar2 vs bar0: +3 % fires; bar3 vs bar1 (101 → 103.5): +2.48 % still true, no re-fire; bar4 vs bar2: 0 re-arms; bar6 vs bar4: +2.9 %.
    const firings = run([rule], bars([100, 101, 103, 103.5, 103, 104, 106]));
    expect(at(firings)).toEqual([2, 6]);
    expect(firings[0]?.value).toBeCloseTo(3, 12);
  });

  it('volume spike: z of the bar against the previous window bars', () => {
    const volumes = [1, 2, 1, 2, 1, 2, 10, 2];
    const series = volumes.map((v, i) => bar(i, 100, { volume: v, trades: v * 3 }));
    // Window 6 before bar 6: mean 1.5, sample sd √(1.5/5) → z = 8.5 / 0.5477 = 15.52.
    const firings = run([{ id: 'v', kind: 'volume-spike', z: 3, window: 6 }], series);
    expect(at(firings)).toEqual([6]);
    expect(firings[0]?.value).toBeCloseTo(8.5 / Math.sqrt(1.5 / 5), 9);
    expect(at(run([{ id: 't', kind: 'trade-count-spike', z: 3, window: 6 }], series))).toEqual([6]);
  });
});

describe('trigger modes, cooldown, dedup, quiet hours, expiry, pause, priority', () => {
  const flap = [99, 101, 99, 101, 99, 101, 99, 101];
  const px = { id: 'p', kind: 'price', op: 'crosses-above', value: 100 };

  it('once fires once and then reports why not', () => {
    const engine = new AlertEngine(parseRules([{ ...px, trigger: 'once' }]));
    const firings = bars(flap).flatMap((b) => engine.evaluate(b));
    expect(at(firings)).toEqual([1]);
    expect(engine.states()[0]).toMatchObject({ status: 'spent', firings: 1 });
    expect(engine.states()[0]?.lastEvaluation?.why).toBe(
      'close 101 crossed above 100, but it fires once and already did',
    );
  });

  it('every-time with a cooldown skips crosses inside it (event time)', () => {
    const firings = run([{ ...px, cooldownMs: 3 * MINUTE }], bars(flap));
    // Crosses at 1, 3, 5, 7; cooldown of 3 min from 1 ends at 4: 3 skipped, 5 fires, 7 skipped.
    expect(at(firings)).toEqual([1, 5]);
  });

  it('dedup per bar: intrabar crosses of one bar fire once, the close of that bar adds nothing', () => {
    const engine = new AlertEngine(parseRules([px]));
    const input = [
      bar(0, 99),
      bar(1, 101, { closed: false }),
      bar(1, 99.5, { closed: false }),
      bar(1, 102, { closed: false }),
      bar(1, 101),
      bar(2, 99, { closed: false }),
    ];
    const firings = input.flatMap((b) => engine.evaluate(b));
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({ intrabar: true, value: '101' });
    expect(engine.states()[0]?.lastEvaluation?.why).toBe('close 99 has not crossed above 100');
  });

  it('once-per-bar ignores the forming bar', () => {
    const engine = new AlertEngine(parseRules([{ ...px, trigger: 'once-per-bar' }]));
    const input = [bar(0, 99), bar(1, 101, { closed: false }), bar(1, 99), bar(2, 101)];
    expect(at(input.flatMap((b) => engine.evaluate(b)))).toEqual([2]);
  });

  it('quiet hours flag non-critical firings, critical bypasses them', () => {
    const quiet = { from: '23:00', to: '01:00' }; // T0 is 00:00 UTC
    const firings = run(
      [
        { ...px, id: 'n', quietHours: quiet },
        { ...px, id: 'c', priority: 'critical', quietHours: quiet },
        { ...px, id: 'i', priority: 'info', quietHours: { from: '01:00', to: '02:00' } },
      ],
      bars([99, 101]),
    );
    expect(firings.map((f) => [f.ruleId, f.priority, f.quiet])).toEqual([
      ['n', 'normal', true],
      ['c', 'critical', false],
      ['i', 'info', false],
    ]);
  });

  it('engine-wide quiet hours in a time zone', () => {
    const rules = parseRules([px]);
    // 00:01 UTC is 01:01 in Berlin (winter).
    const engine = new AlertEngine(rules, { quietHours: { from: '01:00', to: '06:00', timeZone: 'Europe/Berlin' } });
    const firings = bars([99, 101]).flatMap((b) => engine.evaluate(b));
    expect(firings[0]?.quiet).toBe(true);
  });

  it('expiry and pause stop firing', () => {
    expect(at(run([{ ...px, expiresAtMs: T0 + 2 * MINUTE }], bars(flap)))).toEqual([1]);
    expect(run([{ ...px, paused: true }], bars(flap))).toEqual([]);
  });

  it('instrument and timeframe filters', () => {
    const rules: AlertRule[] = parseRules([{ ...px, instrument: 'kraken:XBT/USD', timeframe: '5m' }]);
    const engine = new AlertEngine(rules);
    const wrong = [...bars([99, 101]), ...bars([99, 101], { key: 'kraken:XBT/USD' })];
    expect(wrong.flatMap((b) => engine.evaluate(b))).toEqual([]);
    const right = bars([99, 101], { key: 'kraken:XBT/USD', timeframe: '5m' });
    expect(right.flatMap((b) => engine.evaluate(b))).toHaveLength(1);
  });
});

describe('state', () => {
  it('a new engine resumes from stored state: hysteresis side, once, cooldown', () => {
    const rules = parseRules([
      { id: 'h', kind: 'price', op: 'crosses-above', value: 100, hysteresis: 1 },
      { id: 'o', kind: 'price', op: 'crosses-above', value: 100, trigger: 'once' },
      { id: 'c', kind: 'price', op: 'crosses-above', value: 100, cooldownMs: 10 * MINUTE },
    ]);
    const first = new AlertEngine(rules);
    const early = bars([99, 101]).flatMap((b) => first.evaluate(b));
    expect(early.map((f) => f.ruleId)).toEqual(['h', 'o', 'c']);
    const stored = JSON.parse(JSON.stringify(first.states())) as ReturnType<AlertEngine['states']>;
    const second = new AlertEngine(rules, {}, stored);
    // The seed's history would re-arm everything (99 ≤ 100); stored memory wins.
    second.seed(bars([99]));
    const later = [bar(2, 99.5), bar(3, 100.5), bar(4, 98), bar(5, 101)].flatMap((b) => second.evaluate(b));
    // h: 99.5 is not ≤ 99 so 100.5 does not fire; 98 re-arms, 101 fires. o: spent. c: 3 min after, cooling down; 5 still cooling.
    expect(later.map((f) => [f.ruleId, (f.openTimeMs - T0) / MINUTE])).toEqual([['h', 5]]);
  });

  it('an edited rule starts fresh; a renamed one keeps its state', () => {
    const engine = new AlertEngine(
      parseRules([{ id: 'o', kind: 'price', op: 'crosses-above', value: 100, trigger: 'once' }]),
    );
    bars([99, 101]).forEach((b) => engine.evaluate(b));
    engine.setRules(
      parseRules([{ id: 'o', name: 'renamed', kind: 'price', op: 'crosses-above', value: 100, trigger: 'once' }]),
    );
    expect(engine.states()[0]?.status).toBe('spent');
    engine.setRules(parseRules([{ id: 'o', kind: 'price', op: 'crosses-above', value: 102, trigger: 'once' }]));
    expect(engine.states()[0]).toMatchObject({ status: 'waiting', firings: 0 });
  });

  it('takeChanged returns rules whose state changed since the last call', () => {
    const engine = new AlertEngine(parseRules([{ id: 'p', kind: 'price', op: 'crosses-above', value: 100 }]));
    engine.evaluate(bar(0, 99));
    expect(engine.takeChanged().map((s) => s.ruleId)).toEqual(['p']);
    expect(engine.takeChanged()).toEqual([]);
    engine.evaluate(bar(1, 99.5, { closed: false }));
    expect(engine.takeChanged()).toEqual([]);
  });
});
