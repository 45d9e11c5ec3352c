import { describe, expect, it } from 'vitest';
import { draftOf, emptyDraft, ruleOf } from './rule-draft';

const NOW = Date.UTC(2024, 0, 1);

describe('rule drafts', () => {
  it("builds the issue's price rule from the form and reads it back for editing", () => {
    const d = { ...emptyDraft('px-up', 'binance-spot:BTCUSDT', '1m'), level: '57000', origin: 'chart' };
    const r = ruleOf(d, NOW);
    expect(r).toEqual({
      ok: true,
      rule: {
        id: 'px-up',
        kind: 'price',
        instrument: 'binance-spot:BTCUSDT',
        op: 'crosses-above',
        value: '57000',
        timeframe: '1m',
        trigger: 'every-time',
        cooldownMs: 60_000,
        priority: 'normal',
        createdAtMs: NOW,
        meta: { origin: 'chart' },
      },
    });
    if (!r.ok) return;
    expect(draftOf(r.rule, NOW)).toMatchObject({
      kind: 'price',
      level: '57000',
      op: 'crosses-above',
      cooldownSec: '60',
      origin: 'chart',
    });
  });

  it('names the field that is wrong', () => {
    const d = emptyDraft('x', 'binance-spot:BTCUSDT', '1m');
    expect(ruleOf({ ...d, level: '57,000' }, NOW)).toMatchObject({ ok: false, field: 'level' });
    expect(ruleOf({ ...d, id: 'has space', level: '1' }, NOW)).toMatchObject({ ok: false, field: 'id' });
    expect(ruleOf({ ...d, kind: 'divergence', b: 'binance-spot:BTCUSDT' }, NOW)).toMatchObject({
      ok: false,
      field: 'b',
    });
    expect(ruleOf({ ...d, kind: 'indicator', level: '' }, NOW)).toMatchObject({ ok: false, field: 'level' });
    expect(ruleOf({ ...d, level: '1', expiresInHours: '-2' }, NOW)).toMatchObject({
      ok: false,
      field: 'expiresInHours',
    });
  });

  it('builds indicator, divergence and health rules with expiry', () => {
    const d = emptyDraft('r', 'binance-spot:BTCUSDT', '1s');
    const ind = ruleOf(
      {
        ...d,
        kind: 'indicator',
        indicator: 'macd:12,26,9',
        op: 'crosses-above',
        other: 'macd:12,26,9',
        output: 'macd',
      },
      NOW,
    );
    expect(ind).toMatchObject({ ok: true, rule: { kind: 'indicator', other: 'macd:12,26,9', output: 'macd' } });
    const div = ruleOf({ ...d, kind: 'divergence', b: 'binance-spot:ETHUSDT', expiresInHours: '2' }, NOW);
    expect(div).toMatchObject({
      ok: true,
      rule: {
        kind: 'divergence',
        a: 'binance-spot:BTCUSDT',
        b: 'binance-spot:ETHUSDT',
        pct: 0.5,
        windowMs: 60_000,
        expiresAtMs: NOW + 7_200_000,
      },
    });
    expect(ruleOf({ ...d, kind: 'feed-health', instrument: '' }, NOW)).toMatchObject({
      ok: true,
      rule: { kind: 'feed-health', afterSec: 30 },
    });
  });

  it('builds the sentiment rule the news stage feeds, checks its fields and reads it back', () => {
    const d = { ...emptyDraft('news-bear', 'finnhub:AAPL', '1h'), kind: 'sentiment' as const, op: 'below' as const };
    const r = ruleOf({ ...d, level: '-0.3', minArticles: '4', newsWindowMin: '180' }, NOW);
    // The engine's own validation (the rules file's) accepted it: same fields as a rules-file rule.
    expect(r).toMatchObject({
      ok: true,
      rule: {
        kind: 'sentiment',
        instrument: 'finnhub:AAPL',
        timeframe: '1h',
        op: 'below',
        value: -0.3,
        minArticles: 4,
        windowMs: 10_800_000,
      },
    });
    if (!r.ok) return;
    expect(draftOf(r.rule, NOW)).toMatchObject({
      kind: 'sentiment',
      op: 'below',
      level: '-0.3',
      minArticles: '4',
      newsWindowMin: '180',
    });
    expect(ruleOf({ ...d, level: 'bad' }, NOW)).toMatchObject({ ok: false, field: 'level' });
    expect(ruleOf({ ...d, level: '0.3', minArticles: '0' }, NOW)).toMatchObject({ ok: false, field: 'minArticles' });
    expect(ruleOf({ ...d, level: '0.3', newsWindowMin: '' }, NOW)).toMatchObject({
      ok: false,
      field: 'newsWindowMin',
    });
    expect(ruleOf({ ...d, op: 'crosses-above', level: '0.3' }, NOW)).toMatchObject({ ok: false, field: 'op' });
  });
});
