import { describe, expect, it } from 'vitest';
import { AlertEngine } from '../alerts/engine';
import { parseRules } from '../alerts/rule-parse';
import { scoreText } from '../sentiment/score-text';
import { sentimentAlertInput, sentimentAlertInputs, sentimentBeyond } from './sentiment-alert-input';
import { sentimentSeries } from './sentiment-series';

const M = 60_000;
const T0 = Date.UTC(2026, 0, 1);

describe('sentimentSeries', () => {
  it('aligns articles to bars: mean score, news volume and surprise against earlier bars', () => {
    const series = sentimentSeries(
      [
        { timeMs: T0 + 5 * M + 10, score: 0.5 },
        { timeMs: T0 + 30_000, score: 0.2 },
        { timeMs: T0 + 59_999, score: -0.4 },
        { timeMs: T0 + 5 * M + 59_000, score: 0.7 },
      ],
      '1m',
    );
    expect(series).toEqual([
      { openTimeMs: T0, score: -0.1, articles: 2, surprise: 0 },
      // Surprise: 0.6 minus the mean of the two earlier articles (−0.1).
      { openTimeMs: T0 + 5 * M, score: 0.6, articles: 2, surprise: 0.7 },
    ]);
  });

  it('the surprise looks back a bounded number of bars', () => {
    const articles = [0, 1, 2, 3].map((i) => ({ timeMs: T0 + i * 3_600_000, score: i === 3 ? 0 : i === 0 ? -1 : 1 }));
    const series = sentimentSeries(articles, '1h', 2);
    // The last bar compares with the two before it (1, 1), not with the first (−1).
    expect(series[3]!.surprise).toBe(-1);
  });
});

describe('sentiment alert input', () => {
  const series = sentimentSeries(
    [
      { timeMs: T0, score: -0.9 },
      { timeMs: T0 + 10 * M, score: 0.6 },
      { timeMs: T0 + 11 * M, score: 0.8 },
      { timeMs: T0 + 11 * M + 1, score: 0.4 },
    ],
    '1m',
  );

  it('weights bars by their articles within the window', () => {
    const input = sentimentAlertInput('finnhub:AAPL', series, T0 + 12 * M, 5 * M);
    expect(input).toEqual({
      instrument: 'finnhub:AAPL',
      fromMs: T0 + 7 * M,
      toMs: T0 + 12 * M,
      score: 0.6,
      articles: 3,
      lastBarMs: T0 + 11 * M,
    });
    expect(sentimentBeyond(input, 0.5, 3)).toBe(true);
    expect(sentimentBeyond(input, 0.5, 4)).toBe(false);
    expect(sentimentBeyond(input, -0.5, 1)).toBe(false);
    const wide = sentimentAlertInput('finnhub:AAPL', series, T0 + 12 * M, 60 * M);
    expect(wide.articles).toBe(4);
    expect(sentimentBeyond(sentimentAlertInput('x', [], T0, M), 0, 0)).toBe(false);
  });
});

describe('sentiment series as alert engine inputs', () => {
  it('a "sentiment below −0.3 with at least 3 articles in 3 h" rule fires from scored headlines', () => {
    const H = 3_600_000;
    const headlines = [
      [0, 'Acme misses estimates and cuts guidance'],
      [0.5 * H, 'Acme to report results on Friday'],
      [1.2 * H, 'Regulators open probe into Acme accounting'],
      [2.1 * H, 'Acme shares plunge after profit warning'],
    ] as const;
    const articles = headlines.map(([dt, text]) => ({ timeMs: T0 + dt, score: scoreText(text).score }));
    const series = sentimentSeries(articles, '1h');
    const inputs = sentimentAlertInputs('finnhub:ACME', '1h', series, T0 + 3 * H);
    expect(inputs.map((i) => i.articles)).toEqual([2, 1, 1]);
    const engine = new AlertEngine(
      parseRules([
        { id: 'news', kind: 'sentiment', op: 'below', value: -0.3, minArticles: 3, windowMs: 3 * H, timeframe: '1h' },
      ]),
    );
    const firings = inputs.flatMap((i) => engine.evaluate(i));
    // Hour 1 reaches 3 articles (two bad, one neutral, one bad): it fires there, once per excursion.
    expect(firings).toHaveLength(1);
    expect(firings[0]!.openTimeMs).toBe(T0 + H);
    expect(firings[0]!.values['articles']).toBe(3);
    expect(firings[0]!.value).toBeLessThan(-0.3);
  });
});
