import type { HealthInput, SentimentInput } from './input';

/** Sentiment bars of one series, pooled over a trailing window (article-weighted mean). */
export class SentimentPool {
  private readonly bars: { openTimeMs: number; articles: number; sum: number }[] = [];

  constructor(private readonly keepMs: number) {}

  add(input: SentimentInput): void {
    const last = this.bars[this.bars.length - 1];
    const sum = input.meanScore * input.articles;
    // A later report of the same bar supersedes it.
    if (last !== undefined && last.openTimeMs === input.openTimeMs) {
      last.articles = input.articles;
      last.sum = sum;
    } else if (last === undefined || input.openTimeMs > last.openTimeMs) {
      this.bars.push({ openTimeMs: input.openTimeMs, articles: input.articles, sum });
    }
    const oldest = input.openTimeMs - this.keepMs;
    let drop = 0;
    while (drop < this.bars.length && (this.bars[drop] as { openTimeMs: number }).openTimeMs <= oldest) drop++;
    if (drop > 0) this.bars.splice(0, drop);
  }

  /** Articles and their mean score in (timeMs − windowMs, timeMs]. */
  over(timeMs: number, windowMs: number): { articles: number; mean: number } {
    let articles = 0;
    let sum = 0;
    for (const b of this.bars) {
      if (b.openTimeMs > timeMs - windowMs && b.openTimeMs <= timeMs) {
        articles += b.articles;
        sum += b.sum;
      }
    }
    return { articles, mean: articles > 0 ? sum / articles : 0 };
  }
}

/** One venue's health over reports: since when it is down, the unfillable gaps seen so far. */
export class VenueWatch {
  downSinceMs: number | null = null;
  /** −1 until the first report: gaps before it are not news. */
  previousGaps = -1;

  /** Before the judges: updates the down episode. */
  observe(input: HealthInput): void {
    if (input.connected) this.downSinceMs = null;
    else this.downSinceMs ??= input.timeMs;
  }

  /** After the judges: remembers the gap count. */
  settle(input: HealthInput): void {
    this.previousGaps = input.gapsUnfillable;
  }
}
