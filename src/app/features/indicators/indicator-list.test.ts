import { describe, expect, it } from 'vitest';
import { findIndicator } from '../../../core/indicators/registry';
import { checkParams, labelOf, movePane, nextColor, specOf, type IndicatorOnChart } from './indicator-list';

const def = (name: string) => {
  const d = findIndicator(name);
  if (d === undefined) throw new Error(name);
  return d;
};
const item = (id: string, name: string, color = 1): IndicatorOnChart => ({ id, name, params: [], color, height: 120 });

describe('indicator list', () => {
  it('writes registry specs and labels', () => {
    expect(specOf({ name: 'bb', params: [20, 2] })).toBe('bb:20,2');
    expect(specOf({ name: 'vwap', params: [] })).toBe('vwap');
    expect(labelOf({ name: 'rsi', params: [14] })).toBe('RSI 14');
  });

  it('checks each field against the registry and reports cross-parameter errors', () => {
    expect(checkParams(def('rsi'), ['21'])).toEqual({ ok: true, params: [21] });
    expect(checkParams(def('rsi'), [''])).toEqual({ ok: true, params: [14] });
    const bad = checkParams(def('rsi'), ['2.5']);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors[0]).toBe('period must be a whole number');
    const text = checkParams(def('bb'), ['20', 'x']);
    if (!text.ok) expect(text.fieldErrors).toEqual([null, 'mult must be a number']);
    else throw new Error('accepted "x"');
    const zero = checkParams(def('bb'), ['20', '0']);
    if (!zero.ok) expect(zero.fieldErrors[1]).toBe('mult must be above 0');
    else throw new Error('accepted 0');
    const crossed = checkParams(def('macd'), ['30', '26', '9']);
    expect(crossed.ok).toBe(false);
    if (!crossed.ok) expect(crossed.error).toMatch(/fast|slow/);
  });

  it('moves panes among panes only and picks the least used colour', () => {
    const list = [item('a', 'rsi'), item('b', 'sma'), item('c', 'macd'), item('d', 'atr')];
    expect(movePane(list, 'c', -1).map((x) => x.id)).toEqual(['c', 'b', 'a', 'd']);
    expect(movePane(list, 'a', -1).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(movePane(list, 'd', 1).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(nextColor([item('a', 'rsi', 1), item('b', 'rsi', 2)])).toBe(3);
  });
});
