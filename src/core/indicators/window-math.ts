/** Plain statistics over a window (oldest value first). */

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

export function mean(values: readonly number[]): number {
  return sum(values) / values.length;
}

/** Population variance, two-pass: no cancellation at price levels far from zero. */
export function populationVariance(values: readonly number[], center = mean(values)): number {
  let total = 0;
  for (const v of values) {
    const d = v - center;
    total += d * d;
  }
  return total / values.length;
}

export function highest(values: readonly number[]): number {
  let best = -Infinity;
  for (const v of values) if (v > best) best = v;
  return best;
}

export function lowest(values: readonly number[]): number {
  let best = Infinity;
  for (const v of values) if (v < best) best = v;
  return best;
}

/** Bars since the highest value; ties go to the most recent (TA-Lib's AROON rule). */
export function barsSinceHighest(values: readonly number[]): number {
  let at = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) >= (values[at] as number)) at = i;
  return values.length - 1 - at;
}

/** Bars since the lowest value; ties go to the most recent. */
export function barsSinceLowest(values: readonly number[]): number {
  let at = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) <= (values[at] as number)) at = i;
  return values.length - 1 - at;
}

/** Linearly weighted mean, weights 1..n with the newest value weighted most. */
export function linearlyWeightedMean(values: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += (values[i] as number) * (i + 1);
  return total / ((values.length * (values.length + 1)) / 2);
}

/**
 * Least-squares line through the window with x = 0 (oldest) .. n-1 (newest). Centred sums keep
 * the slope accurate when prices are large and the window is nearly flat.
 */
export function linearFit(values: readonly number[]): { readonly slope: number; readonly intercept: number } {
  const n = values.length;
  const xMean = (n - 1) / 2;
  const yMean = mean(values);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = i - xMean;
    sxy += dx * ((values[i] as number) - yMean);
    sxx += dx * dx;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: yMean - slope * xMean };
}
