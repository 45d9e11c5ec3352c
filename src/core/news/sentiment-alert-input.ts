import type { SentimentInput } from '../alerts/input';
import type { TimeframeId } from '../candles/timeframe';
import type { InstrumentKey } from '../exchange/types';
import type { SentimentBar } from './sentiment-series';

/**
 * What a "sentiment beyond x with at least n articles in a window" alert rule reads: the
 * article-weighted mean sentiment of the bars that opened within the window ending at `nowMs`,
 * and how many articles they hold.
 */
export interface SentimentAlertInput {
  readonly instrument: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** Article-weighted mean score, −1 … 1; 0 when there are no articles. */
  readonly score: number;
  readonly articles: number;
  /** Open time of the newest bar with news in the window (the bar an alert fires on), or null. */
  readonly lastBarMs: number | null;
}

export function sentimentAlertInput(
  instrument: string,
  series: readonly SentimentBar[],
  nowMs: number,
  windowMs: number,
): SentimentAlertInput {
  const fromMs = nowMs - windowMs;
  let sum = 0;
  let articles = 0;
  let lastBarMs: number | null = null;
  for (const bar of series) {
    if (bar.openTimeMs < fromMs || bar.openTimeMs > nowMs) continue;
    sum += bar.score * bar.articles;
    articles += bar.articles;
    lastBarMs = lastBarMs === null ? bar.openTimeMs : Math.max(lastBarMs, bar.openTimeMs);
  }
  const score = articles === 0 ? 0 : Math.round((sum / articles) * 1e4) / 1e4;
  return { instrument, fromMs, toMs: nowMs, score, articles, lastBarMs };
}

/**
 * The rule's test, for callers without the alert engine: beyond `threshold` (a positive x means
 * score ≥ x, a negative one score ≤ x) with at least `minArticles` articles.
 */
export function sentimentBeyond(input: SentimentAlertInput, threshold: number, minArticles: number): boolean {
  if (input.articles < minArticles || input.articles === 0) return false;
  return threshold >= 0 ? input.score >= threshold : input.score <= threshold;
}

/**
 * The alert engine's sentiment inputs (`SentimentInput` of src/core/alerts) for an instrument's
 * series on one timeframe, oldest first: one per bar with news; the engine pools them over a rule's
 * window. `atMs` (the engine's clock) is when the series was computed, never before the bar opened.
 */
export function sentimentAlertInputs(
  key: InstrumentKey,
  timeframe: TimeframeId,
  series: readonly SentimentBar[],
  atMs: number,
): SentimentInput[] {
  return [...series]
    .sort((a, b) => a.openTimeMs - b.openTimeMs)
    .map((bar) => ({
      type: 'sentiment' as const,
      key,
      timeframe,
      openTimeMs: bar.openTimeMs,
      articles: bar.articles,
      meanScore: bar.score,
      atMs: Math.max(atMs, bar.openTimeMs),
    }));
}
