import { describe, expect, it } from 'vitest';
import {
  add,
  compare,
  DecimalAccumulator,
  decimalFromNumber,
  formatDecimal,
  multiply,
  parseDecimal,
  toNumber,
} from './decimal';

const p = (s: string) => {
  const d = parseDecimal(s);
  if (d === null) throw new Error(`unparsable ${s}`);
  return d;
};

describe('decimal', () => {
  it('parses venue strings exactly and drops trailing zeros', () => {
    expect(p('61837.63000000')).toEqual({ units: 6183763, scale: 2 });
    expect(p('0.00200000')).toEqual({ units: 2, scale: 3 });
    expect(p('100')).toEqual({ units: 100, scale: 0 });
    expect(p('-0.5')).toEqual({ units: -5, scale: 1 });
    expect(p('0.000')).toEqual({ units: 0, scale: 0 });
  });

  it('rejects what is not a plain finite decimal', () => {
    for (const bad of ['', '.', '-', '1e5', 'NaN', 'Infinity', '1.2.3', ' 1', '0x10', '1,5']) {
      expect(parseDecimal(bad), bad).toBeNull();
    }
  });

  it('adds without float drift', () => {
    expect(formatDecimal(add(p('0.1'), p('0.2')))).toBe('0.3');
    const acc = new DecimalAccumulator();
    for (let i = 0; i < 1000; i++) acc.add(p('0.001'));
    expect(formatDecimal(acc.value())).toBe('1');
  });

  it('multiplies price by size exactly', () => {
    expect(formatDecimal(multiply(p('61837.63000000'), p('0.02000000')))).toBe('1236.7526');
    expect(formatDecimal(multiply(p('2683.81'), p('31.4395')))).toBe('84377.644495');
  });

  it('moves to bigint past 2^53 and stays exact', () => {
    const big = p('98765432109876.54321');
    expect(typeof big.units).toBe('bigint');
    expect(formatDecimal(add(big, p('0.00001')))).toBe('98765432109876.54322');
    expect(formatDecimal(multiply(p('123456789.123456789'), p('987654321.987654321')))).toBe(
      '121932631356500531.347203169112635269',
    );
    const acc = new DecimalAccumulator();
    for (let i = 0; i < 10; i++) acc.add(p('4503599627370495.9'));
    expect(formatDecimal(acc.value())).toBe('45035996273704959');
  });

  it('compares across scales and converts to the nearest double', () => {
    expect(compare(p('1.10'), p('1.1'))).toBe(0);
    expect(compare(p('1.09'), p('1.1'))).toBe(-1);
    expect(compare(p('-2'), p('1'))).toBe(-1);
    expect(toNumber(p('61837.63'))).toBe(61837.63);
    expect(toNumber(p('0.1'))).toBe(0.1);
  });

  it('takes JSON numbers as their shortest exact text', () => {
    expect(formatDecimal(decimalFromNumber(0.5147)!)).toBe('0.5147');
    expect(formatDecimal(decimalFromNumber(1e-7)!)).toBe('0.0000001');
    expect(decimalFromNumber(Number.NaN)).toBeNull();
  });
});
