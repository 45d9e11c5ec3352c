import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../demo/rng';
import {
  add,
  addUnits,
  compare,
  DecimalAccumulator,
  decimalFromNumber,
  formatDecimal,
  formatUnits,
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

describe('decimal fast paths', () => {
  const random = mulberry32(5);
  const cases: [number, number][] = [
    [0, 0],
    [0, 5],
    [-0, 3],
    [5, 3],
    [10, 5],
    [100, 2],
    [-120, 1],
    [Number.MAX_SAFE_INTEGER, 0],
    [Number.MAX_SAFE_INTEGER, 20],
    [-Number.MAX_SAFE_INTEGER, 7],
  ];
  for (let i = 0; i < 2_000; i++) {
    const digits = 1 + Math.floor(random() * 16);
    const units = Math.floor(random() * 10 ** digits) * (random() < 0.1 ? -1 : 1);
    // Trailing zeros in the mantissa, as sums at a larger scale than needed have.
    const zeros = 10 ** Math.floor(random() * 4);
    const padded = Math.abs(units * zeros) <= Number.MAX_SAFE_INTEGER ? units * zeros : units;
    cases.push([padded, Math.floor(random() * 25)]);
  }

  it('formatUnits prints what the bigint path prints', () => {
    for (const [units, scale] of cases) {
      expect(formatUnits(units, scale), `${units} / 10^${scale}`).toBe(formatDecimal({ units: BigInt(units), scale }));
      expect(formatDecimal({ units, scale })).toBe(formatUnits(units, scale));
    }
  });

  it('addUnits is exact or says -1', () => {
    for (let i = 0; i < 5_000; i++) {
      const a = Math.floor(random() * 10 ** (1 + Math.floor(random() * 16)));
      const b = Math.floor(random() * 10 ** (1 + Math.floor(random() * 16)));
      const sa = Math.floor(random() * 18);
      const sb = Math.floor(random() * 18);
      const sum = addUnits(a, sa, b, sb);
      const exact = add({ units: a, scale: sa }, { units: b, scale: sb });
      if (sum < 0)
        expect(typeof exact.units === 'bigint' || Math.abs(sa - sb) > 15, `${a}e-${sa} + ${b}e-${sb}`).toBe(true);
      else expect({ units: sum, scale: Math.max(sa, sb) }).toEqual(exact);
    }
  });
});
