import { describe as group, expect, it } from 'vitest';
import { decimalText, integerValue, microsToMs, preview, rfc3339ToMs, textOf } from './wire-values';

group('decimalText', () => {
  it('keeps strings untouched', () => {
    expect(decimalText('61837.63000000')).toBe('61837.63000000');
  });

  it('gives the literal back for JSON numbers the venue sent', () => {
    const frame = '{"a":0.5147,"b":6423.46326,"c":1136.19677815,"d":740.0,"e":0.1,"f":40,"g":122.1,"h":0.00012}';
    const o = JSON.parse(frame) as Record<string, number>;
    expect(Object.values(o).map(decimalText)).toEqual([
      '0.5147',
      '6423.46326',
      '1136.19677815',
      '740',
      '0.1',
      '40',
      '122.1',
      '0.00012',
    ]);
  });

  it('expands exponent forms exactly', () => {
    expect(decimalText(JSON.parse('1.5e-7'))).toBe('0.00000015');
    expect(decimalText(1e-7)).toBe('0.0000001');
    expect(decimalText(5.1e-8)).toBe('0.000000051');
    expect(decimalText(1.2345e21)).toBe('1234500000000000000000');
    expect(decimalText(-2.5e-8)).toBe('-0.000000025');
  });

  it('refuses non-numbers', () => {
    expect(decimalText(NaN)).toBeNull();
    expect(decimalText(Infinity)).toBeNull();
    expect(decimalText(null)).toBeNull();
    expect(decimalText({})).toBeNull();
  });
});

group('rfc3339ToMs', () => {
  it('truncates µs and ns to ms', () => {
    expect(rfc3339ToMs('2014-11-07T08:19:27.028459Z')).toBe(Date.UTC(2014, 10, 7, 8, 19, 27, 28));
    expect(rfc3339ToMs('2023-10-04T16:26:01.806315597Z')).toBe(Date.UTC(2023, 9, 4, 16, 26, 1, 806));
    expect(rfc3339ToMs('2023-09-25T07:48:36.999999Z')).toBe(Date.UTC(2023, 8, 25, 7, 48, 36, 999));
  });

  it('handles short fractions, no fraction and offsets', () => {
    expect(rfc3339ToMs('2019-08-14T20:42:27.2Z')).toBe(Date.UTC(2019, 7, 14, 20, 42, 27, 200));
    expect(rfc3339ToMs('2019-08-14T20:42:27Z')).toBe(Date.UTC(2019, 7, 14, 20, 42, 27));
    expect(rfc3339ToMs('2019-08-14T22:42:27.5+02:00')).toBe(Date.UTC(2019, 7, 14, 20, 42, 27, 500));
  });

  it('returns NaN for anything else', () => {
    for (const bad of [
      '',
      '2019-08-14',
      '2019-13-14T20:42:27Z',
      '2019-08-14T20:42:27',
      '2019-08-14T20:42:27.Z',
      'x'.repeat(30),
      42,
      null,
    ]) {
      expect(rfc3339ToMs(bad)).toBeNaN();
    }
  });
});

group('integers', () => {
  it('reads ids and µs strings', () => {
    expect(integerValue('130639474')).toBe(130639474);
    expect(integerValue(12)).toBe(12);
    expect(integerValue('12a')).toBeNaN();
    expect(integerValue('')).toBeNaN();
    expect(integerValue('2100000000007764263')).toBeNaN();
    expect(integerValue(-1)).toBeNaN();
    expect(microsToMs('1583691851934000')).toBe(1583691851934);
    expect(microsToMs('1583691851934999')).toBe(1583691851934);
    expect(microsToMs('abc')).toBeNaN();
  });
});

group('preview', () => {
  it('prints short values as JSON would', () => {
    expect(preview('abc')).toBe('"abc"');
    expect(preview(12.5)).toBe('12.5');
    expect(preview(null)).toBe('null');
    expect(preview(undefined)).toBe('undefined');
    expect(preview({ a: [1, 'x'], b: true })).toBe('{"a":[1,"x"],"b":true}');
  });

  it('never throws or recurses deep, and stays short', () => {
    const deep = JSON.parse('['.repeat(5_000) + ']'.repeat(5_000)) as unknown;
    const deepObject = JSON.parse('{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000)) as unknown;
    expect(preview(deep)).toBe('[[[[…]]]]');
    expect(preview(deepObject)).toBe('{"a":{"a":{"a":{…}}}}');
    const hostile = JSON.parse('{"toString":1,"valueOf":{},"toJSON":1,"__proto__":{"x":1}}') as unknown;
    expect(preview(hostile)).toBe('{"toString":1,"valueOf":{},"toJSON":1,"__proto__":{"x":1}}');
    expect(preview('x'.repeat(100_000)).length).toBeLessThanOrEqual(81);
    expect(preview(Array.from({ length: 10_000 }, (_, i) => i))).toBe('[0,1,2,3,4,5,…]');
  });

  it('textOf keeps strings and previews the rest', () => {
    expect(textOf('Invalid symbol')).toBe('Invalid symbol');
    expect(textOf({ toString: 1 })).toBe('{"toString":1}');
    expect(textOf(-1121)).toBe('-1121');
  });
});
