/** Sharpe ratio of per-bar equity changes, annualised by `barsPerYear` (risk-free rate 0). */
export function sharpeRatio(equity: ArrayLike<number>, barsPerYear: number): number {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 1; i < equity.length; i++) {
    const r = (equity[i] as number) / (equity[i - 1] as number) - 1;
    n++;
    const d = r - mean;
    mean += d / n;
    m2 += d * (r - mean);
  }
  const sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
  return sd > 0 ? (mean / sd) * Math.sqrt(barsPerYear) : 0;
}

/** Largest peak-to-trough fall of the equity, as a fraction of the peak (0..1). */
export function maxDrawdown(equity: ArrayLike<number>): number {
  let peak = -Infinity;
  let worst = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] as number;
    peak = Math.max(peak, e);
    worst = Math.max(worst, (peak - e) / peak);
  }
  return worst;
}

/** Bars per year from the median spacing of the open times (1m bars: 525,600). */
export function barsPerYear(openTimesMs: readonly number[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < openTimesMs.length; i++) gaps.push((openTimesMs[i] as number) - (openTimesMs[i - 1] as number));
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)] ?? 60_000;
  return (365 * 24 * 3_600_000) / median;
}
