import { describe, expect, it } from 'vitest';
import { AlertEngine } from '../alerts/engine';
import { parseRules } from '../alerts/rule-parse';
import type { AlertRule } from '../alerts/rule';
import { pollPausedBecause } from './poll-decision';
import { sentimentAlertInputs } from './sentiment-alert-input';
import { unsentInputs, type SentMark } from './sentiment-delivery';
import type { SentimentBar } from './sentiment-series';

const key = 'finnhub:AAPL' as const;
const T0 = Date.UTC(2026, 0, 5, 14, 0);
const MINUTE = 60_000;
const bar = (i: number, articles: number, score: number): SentimentBar =>
  ({ openTimeMs: T0 + i * MINUTE, articles, score, surprise: 0 }) as SentimentBar;

describe('sentiment series → alert engine', () => {
  it('rebuilds of a growing series fire a sentiment rule once, not once per rebuild', () => {
    const engine = new AlertEngine(
      parseRules([{ id: 'n', kind: 'sentiment', op: 'below', value: -0.3, minArticles: 3, windowMs: 3_600_000 }]),
    );
    const rebuilds: SentimentBar[][] = [
      [bar(0, 1, -0.5)],
      [bar(0, 1, -0.5), bar(1, 1, -0.6)],
      [bar(0, 1, -0.5), bar(1, 1, -0.6)], // nothing new
      [bar(0, 1, -0.5), bar(1, 2, -0.55)], // a late article in the newest bar: 3 articles, fires
      [bar(0, 1, -0.5), bar(1, 2, -0.55)],
      [bar(0, 1, -0.5), bar(1, 2, -0.55), bar(2, 1, -0.7)], // still below: no re-arm, no firing
    ];
    let mark: SentMark | undefined;
    const sent: number[] = [];
    const fired = rebuilds.flatMap((series, n) => {
      const all = sentimentAlertInputs(key, '1m', series, T0 + (n + 2) * MINUTE);
      const next = unsentInputs(all, mark);
      mark = next.mark;
      sent.push(next.send.length);
      return next.send.flatMap((i) => engine.evaluate(i));
    });
    expect(sent).toEqual([1, 1, 0, 1, 0, 1]);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.openTimeMs).toBe(T0 + MINUTE);
    expect(fired[0]!.instrument).toBe(key);
  });

  it('sending the whole series every rebuild would judge old bars again (why only unsent ones go)', () => {
    const all = sentimentAlertInputs(key, '1m', [bar(0, 2, 0.1), bar(1, 2, 0.2)], T0 + 5 * MINUTE);
    const first = unsentInputs(all, undefined);
    expect(first.send).toHaveLength(2);
    expect(unsentInputs(all, first.mark).send).toEqual([]);
  });
});

describe('poll while visible or a rule needs it', () => {
  const sentiment = { id: 's', kind: 'sentiment', op: 'above', value: 0.5 } as AlertRule;
  const price = { id: 'p', kind: 'price', op: 'above', level: '1' } as unknown as AlertRule;
  it('the leader polls while visible, whatever the rules', () => {
    expect(pollPausedBecause(true, true, [])).toBeNull();
  });
  it('hidden: polls only for an enabled sentiment rule', () => {
    expect(pollPausedBecause(true, false, [])).toBe('paused while the page is hidden');
    expect(pollPausedBecause(true, false, [price])).toBe('paused while the page is hidden');
    expect(pollPausedBecause(true, false, [{ ...sentiment, paused: true }])).toBe('paused while the page is hidden');
    expect(pollPausedBecause(true, false, [price, sentiment])).toBeNull();
  });
  it('a follower never polls, even for a rule', () => {
    expect(pollPausedBecause(false, true, [sentiment])).toBe('another tab fetches the news');
    expect(pollPausedBecause(false, false, [sentiment])).toBe('another tab fetches the news');
  });
});
