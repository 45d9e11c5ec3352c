import { describe, expect, it } from 'vitest';
import { INDICATORS, findIndicator } from '../../../core/indicators/registry';
import { lookOf } from './indicator-look';

const look = (name: string) => lookOf(findIndicator(name)!);

describe('lookOf', () => {
  it('gives every registry entry a placement and one visible style per output', () => {
    for (const d of INDICATORS) {
      const l = lookOf(d);
      expect(['overlay', 'pane']).toContain(l.placement);
      expect(l.styles).toHaveLength(d.outputs.length);
      expect(l.styles.some((s) => s !== 'hidden')).toBe(true);
    }
  });

  it('puts price-scale indicators on the candles and oscillators in panes', () => {
    for (const n of ['sma', 'ema', 'wma', 'bb', 'kc', 'donchian', 'vwap', 'ichimoku', 'supertrend', 'psar'])
      expect(look(n).placement, n).toBe('overlay');
    for (const n of ['rsi', 'macd', 'stoch', 'adx', 'atr', 'cci', 'mfi', 'obv', 'cvd', 'willr'])
      expect(look(n).placement, n).toBe('pane');
  });

  it('draws the MACD histogram as bars and PSAR as dots', () => {
    expect(look('macd').styles).toEqual(['line', 'line', 'histogram']);
    expect(look('psar').styles).toEqual(['dots']);
    expect(look('rsi').levels).toEqual([30, 70]);
  });
});
