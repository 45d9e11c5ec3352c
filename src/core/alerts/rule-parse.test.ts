import { describe, expect, it } from 'vitest';
import { AlertRuleError, parseRules, parseRulesText } from './rule-parse';

const REQUIRED = `[{"id":"rsi-up","kind":"indicator","indicator":"rsi:14","op":"crosses-above","value":70,"trigger":"every-time"},{"id":"px-up","kind":"price","op":"crosses-above","value":"57000","trigger":"every-time"}]`;

function error(json: unknown): string {
  try {
    parseRules(json);
  } catch (e) {
    if (e instanceof AlertRuleError) return e.message;
    throw e;
  }
  throw new Error('expected an AlertRuleError');
}

describe('parseRules', () => {
  it('accepts the two rules of the issue exactly as written', () => {
    const rules = parseRulesText(REQUIRED, 'rules.json');
    expect(rules).toEqual(JSON.parse(REQUIRED));
  });

  it('accepts an example of every kind', () => {
    const rules = parseRules([
      { id: 'a', kind: 'price', op: 'crosses', value: 0.5, hysteresis: '0.01', priority: 'critical' },
      { id: 'b', kind: 'move', pct: 2, windowMs: 300000, direction: 'down' },
      {
        id: 'c',
        kind: 'indicator',
        indicator: 'macd:12,26,9',
        op: 'crosses-above',
        other: 'macd:12,26,9',
        otherOutput: 'signal',
      },
      { id: 'd', kind: 'indicator', indicator: 'close', op: 'crosses-below', other: 'sma:200' },
      { id: 'e', kind: 'volume-spike', z: 3, window: 20 },
      { id: 'f', kind: 'trade-count-spike', z: 4 },
      { id: 'g', kind: 'anomaly', score: 0.9, instrument: 'binance-spot:BTCUSDT' },
      { id: 'h', kind: 'signal', confidence: 0.7, source: 'forecast', direction: 'up' },
      { id: 'i', kind: 'pair-z', a: 'binance-spot:BTCUSDT', b: 'binance-spot:ETHUSDT', z: 2, window: 50 },
      { id: 'j', kind: 'divergence', a: 'binance-spot:BTCUSDT', b: 'binance-spot:ETHUSDT', pct: 0.5, windowMs: 60000 },
      { id: 'k', kind: 'feed-health', condition: 'stale', venue: 'kraken', afterSec: 20 },
      { id: 'l', kind: 'sentiment', op: 'below', value: -0.3, minArticles: 5, windowMs: 3600000 },
      {
        id: 'm',
        kind: 'price',
        op: 'crosses-below',
        value: '100',
        trigger: 'once',
        cooldownMs: 60000,
        expiresAtMs: 1_900_000_000_000,
        paused: true,
        quietHours: { from: '22:00', to: '07:00', timeZone: 'Europe/Berlin' },
        meta: { from: 'chart' },
      },
    ]);
    expect(rules.map((r) => r.kind)).toHaveLength(13);
  });

  it('names the rule and the field in errors', () => {
    expect(error([{ id: 'px', kind: 'price', op: 'crosses-above', value: '57,000' }])).toBe(
      'rule "px" (#1): value: expected a decimal (text like "57000.5" or a number), got "57,000"',
    );
    expect(error([{ id: 'r', kind: 'indicator', indicator: 'rsi:0', op: 'above', value: 70 }])).toMatch(
      /^rule "r" \(#1\): indicator: rsi: period must be at least/,
    );
    expect(error([{ id: 'r', kind: 'indicator', indicator: 'macd', output: 'sig', op: 'above', value: 0 }])).toMatch(
      /^rule "r" \(#1\): output: macd_12_26_9 has no output "sig" \(outputs: macd, signal, histogram\)$/,
    );
    expect(error([{ id: 'r', kind: 'indicator', indicator: 'rsi', op: 'above' }])).toMatch(
      /value: expected exactly one of "value" and "other"/,
    );
    expect(error([{ id: 'x', kind: 'price', op: 'crosses-above', value: 1, tigger: 'once' }])).toBe(
      'rule "x" (#1): tigger: unknown field for this kind',
    );
    expect(error([{ kind: 'price' }])).toMatch(/^rule #1: id: expected an id/);
    expect(error([{ id: 'a', kind: 'nope' }])).toMatch(/^rule "a" \(#1\): kind: expected one of "price"/);
    expect(error([{ id: 'a', kind: 'move', pct: 0, windowMs: 1 }])).toMatch(
      /pct: expected a finite number, above 0, got 0/,
    );
    expect(error([{ id: 'a', kind: 'price', op: 'crosses', value: 1, trigger: 'sometimes' }])).toMatch(
      /trigger: expected one of/,
    );
    expect(
      error([
        { id: 'a', kind: 'price', op: 'crosses', value: 1 },
        { id: 'a', kind: 'price', op: 'crosses', value: 2 },
      ]),
    ).toBe('rule "a" (#2): id: used by an earlier rule');
    expect(
      error([{ id: 'q', kind: 'price', op: 'crosses', value: 1, quietHours: { from: '25:00', to: '07:00' } }]),
    ).toMatch(/^rule "q" \(#1\): quietHours: from: expected "HH:MM"/);
    expect(error([{ id: 'p', kind: 'pair-z', a: 'binance-spot:BTCUSDT', b: 'binance-spot:BTCUSDT', z: 2 }])).toMatch(
      /b: expected an instrument other than a/,
    );
    expect(error({ id: 'a' })).toBe('expected a JSON array of rules');
    expect(() => parseRulesText('[{', 'r.json')).toThrow(/^r\.json: not valid JSON/);
  });
});
