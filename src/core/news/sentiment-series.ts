import { bucketStart, type TimeframeId } from '../candles/timeframe';

/** One bar of an instrument's news sentiment, aligned to the chart's bars. */
export interface SentimentBar {
  /** Open time of the bar (UTC-aligned as candles are). */
  readonly openTimeMs: number;
  /** Mean sentiment of the bar's articles, −1 … 1. */
  readonly score: number;
  /** How many articles the bar holds (the news volume). */
  readonly articles: number;
  /**
   * The bar's score minus the article-weighted mean score of the `lookback` bars with news before
   * it; 0 when there are none (nothing to be surprised against).
   */
  readonly surprise: number;
}

export const SURPRISE_LOOKBACK = 20;

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Per-bar sentiment of scored articles: bars without news are absent (no news is not neutral
 * news). Articles may come in any order; the result is sorted by time.
 */
export function sentimentSeries(
  articles: readonly { readonly timeMs: number; readonly score: number }[],
  timeframe: TimeframeId,
  lookback = SURPRISE_LOOKBACK,
): SentimentBar[] {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const a of articles) {
    const open = bucketStart(a.timeMs, timeframe);
    const bar = sums.get(open) ?? { sum: 0, n: 0 };
    bar.sum += a.score;
    bar.n++;
    sums.set(open, bar);
  }
  const opens = [...sums.keys()].sort((a, b) => a - b);
  const out: SentimentBar[] = [];
  for (let i = 0; i < opens.length; i++) {
    const bar = sums.get(opens[i] as number) as { sum: number; n: number };
    let priorSum = 0;
    let priorN = 0;
    for (let k = Math.max(0, i - lookback); k < i; k++) {
      const prior = sums.get(opens[k] as number) as { sum: number; n: number };
      priorSum += prior.sum;
      priorN += prior.n;
    }
    const score = bar.sum / bar.n;
    out.push({
      openTimeMs: opens[i] as number,
      score: round(score),
      articles: bar.n,
      surprise: priorN === 0 ? 0 : round(score - priorSum / priorN),
    });
  }
  return out;
}
