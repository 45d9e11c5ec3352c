import { describe, expect, it } from 'vitest';
import { syntheticBars } from '../../../test/fixtures/indicators/synthetic-bars';
import type { BarInput } from './bar-input';
import { indicatorId } from './indicator-spec';
import { INDICATORS, completeParams, createIndicator, createIndicatorFromSpec } from './registry';
import type { IndicatorValue, StreamingIndicator } from './streaming-indicator';

/**
 * The contract every registered indicator must keep, run automatically over the whole registry
 * (defaults) plus edge-case parameter sets:
 * - null for exactly `warmup` bars, then a value with every declared output, all finite;
 * - any number of `replace` calls followed by `add` ends in exactly the add-only state and
 *   outputs, and `replace` with the final bar previews exactly what `add` will return;
 * - deterministic.
 */

/** Realistic bars with a flat, zero-volume stretch (degenerate windows) and two UTC midnights. */
const MIXED = syntheticBars({ bars: 1000, seed: 7, flat: [{ start: 400, length: 90 }] });
/** Flat and volumeless from the very first bar, then moving. */
const FLAT_START = syntheticBars({ bars: 320, seed: 11, flat: [{ start: 0, length: 160 }] });

const EDGE_SPECS = [
  'sma:1',
  'ema:1',
  'wma:1',
  'dema:1',
  'tema:2',
  'trima:2',
  'trima:3',
  'kama:1,2,3',
  't3:1,0.5',
  'hma:2',
  'hma:16',
  'vwma:1',
  'zlema:1',
  'zlema:4',
  'linreg:2',
  'psar:0.3,0.2',
  'supertrend:1,1',
  'ichimoku:1,2,3,1',
  'ichimoku:9,26,52,1',
  'adx:1',
  'adx:2',
  'aroon:1',
  'donchian:1',
  'rsi:2',
  'stoch:1,1,1',
  'stochrsi:2,1,1,1',
  'stochrsi:14,14,1,3',
  'roc:1',
  'mom:1',
  'willr:1',
  'cci:1',
  'macd:1,2,1',
  'macd:5,35,5',
  'ppo:2,3,2',
  'trix:1',
  'cmo:1',
  'ultosc:1,2,3',
  'mfi:1',
  'ao:1,2',
  'atr:1',
  'natr:1',
  'stddev:1',
  'bb:1,1',
  'kc:1,1,1',
  'adosc:1,2',
  'cmf:1',
  'avwap:1679011200000',
  'rmean:1',
  'rstd:2',
  'zscore:2',
  'pctrank:1',
  'rvol:1',
  'parkinson:1',
];

function sameValue(a: IndicatorValue | null, b: IndicatorValue | null): boolean {
  if (a === null || b === null) return a === b;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.is(a[k], b[k]));
}

/** A few states the forming bar passes through before it closes as `bar`. */
function formingStates(bar: BarInput, index: number): BarInput[] {
  const states: BarInput[] = [];
  for (let k = 1; k <= 3; k++) {
    const t = ((index * 7 + k * 3) % 10) / 10;
    const close = bar.low + (bar.high - bar.low) * t;
    const share = k / 4;
    states.push({
      timeMs: bar.timeMs,
      open: bar.open,
      high: Math.max(bar.open, close),
      low: Math.min(bar.open, close),
      close,
      volume: bar.volume * share,
      buyVolume: (bar.buyVolume ?? 0) * share,
      sellVolume: (bar.sellVolume ?? 0) * share,
    });
  }
  return states;
}

function addOnly(indicator: StreamingIndicator, bars: readonly BarInput[]): (IndicatorValue | null)[] {
  return bars.map((bar) => indicator.add(bar));
}

/** `start`: index of the first bar the indicator applies to (an anchored VWAP's anchor bar). */
function checkContract(make: () => StreamingIndicator, bars: readonly BarInput[], start = 0): void {
  const indicator = make();
  const values = addOnly(indicator, bars);
  const problems: string[] = [];
  const report = (message: string): void => {
    if (problems.length < 5) problems.push(message);
  };

  values.forEach((value, i) => {
    if (i < start + indicator.warmup) {
      if (value !== null) report(`bar ${i}: value during warm-up (${indicator.warmup})`);
      return;
    }
    if (value === null) return report(`bar ${i}: null after warm-up (${indicator.warmup})`);
    const keys = Object.keys(value);
    if (keys.join() !== indicator.outputs.join())
      report(`bar ${i}: outputs ${keys.join()} != ${indicator.outputs.join()}`);
    for (const k of keys) if (!Number.isFinite(value[k])) report(`bar ${i}: ${k} = ${value[k]}`);
  });

  const again = addOnly(make(), bars);
  values.forEach((value, i) => {
    if (!sameValue(value, again[i] ?? null)) report(`bar ${i}: not deterministic`);
  });

  const live = make();
  bars.forEach((bar, i) => {
    for (const state of formingStates(bar, i)) live.replace(state);
    const preview = live.replace(bar);
    if (!sameValue(preview, values[i] ?? null))
      report(`bar ${i}: replace(final) ${JSON.stringify(preview)} != add ${JSON.stringify(values[i])}`);
    // Previews of a later state after the final one must not leak either.
    live.replace(formingStates(bar, i + 1)[0] as BarInput);
    const added = live.add(bar);
    if (!sameValue(added, values[i] ?? null))
      report(`bar ${i}: add after replaces ${JSON.stringify(added)} != add-only ${JSON.stringify(values[i])}`);
  });

  expect(problems, `${indicator.id}`).toEqual([]);
}

describe('indicator contract', () => {
  it('registry has unique names, ids and column names follow the naming scheme', () => {
    expect(INDICATORS.length).toBeGreaterThan(40);
    expect(new Set(INDICATORS.map((d) => d.name)).size).toBe(INDICATORS.length);
    for (const definition of INDICATORS) {
      const indicator = createIndicator(definition.name);
      const params = completeParams(definition, []);
      expect(indicator.id).toBe(indicatorId(definition.name, params));
      expect(indicator.outputs).toEqual(definition.outputs);
      expect(indicator.columns).toEqual(
        definition.outputs.map((o, i) => (i === 0 ? indicator.id : `${indicator.id}_${o}`)),
      );
      expect(new Set(indicator.columns).size).toBe(indicator.columns.length);
    }
  });

  for (const definition of INDICATORS) {
    it(`${definition.name} (defaults) keeps the contract`, () => {
      checkContract(() => createIndicator(definition.name), MIXED);
      checkContract(() => createIndicator(definition.name), FLAT_START);
    });
  }

  for (const spec of EDGE_SPECS) {
    it(`${spec} keeps the contract`, () => {
      const anchor = spec.startsWith('avwap:') ? Number(spec.slice(6)) : 0;
      checkContract(
        () => createIndicatorFromSpec(spec),
        MIXED,
        MIXED.findIndex((bar) => bar.timeMs >= anchor),
      );
    });
  }

  it('edge specs cover every registered indicator that has parameters', () => {
    const covered = new Set(EDGE_SPECS.map((s) => s.split(':')[0]));
    const missing = INDICATORS.filter((d) => d.params.length > 0 && !covered.has(d.name)).map((d) => d.name);
    expect(missing).toEqual([]);
  });

  it('refuses bars that do not move forward in time instead of double-counting', () => {
    const rsi = createIndicator('rsi');
    const [a, b] = MIXED as [BarInput, BarInput];
    rsi.add(a);
    rsi.replace(b);
    rsi.add(b);
    expect(() => rsi.add(b)).toThrow(RangeError);
    expect(() => rsi.replace(a)).toThrow(RangeError);
  });
});
