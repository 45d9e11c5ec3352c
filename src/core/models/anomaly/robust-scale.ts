import type { RingBuffer } from './ring-buffer';

export interface RobustLocation {
  readonly median: number;
  /** Robust standard deviation: 1.4826·MAD, or the mean absolute deviation scaled to σ when MAD is 0. */
  readonly scale: number;
}

/**
 * Median and a robust σ of a window. MAD is 0 whenever more than half the values are equal (step
 * and count data), so the mean absolute deviation (×1.2533, its σ factor for a normal law) stands in;
 * a window of one repeated value has scale 0 and the caller decides what a change means then.
 */
export function robustLocation(ring: RingBuffer, scratch: Float64Array): RobustLocation {
  const n = ring.length;
  const values = ring.copyTo(scratch).subarray(0, n).sort();
  const median = medianOfSorted(values);
  let absSum = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs((values[i] as number) - median);
    values[i] = d;
    absSum += d;
  }
  values.sort();
  const mad = medianOfSorted(values);
  const scale = mad > 0 ? 1.4826 * mad : n > 0 ? (1.2533 * absSum) / n : 0;
  return { median, scale };
}

function medianOfSorted(v: Float64Array): number {
  const n = v.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 === 1 ? (v[h] as number) : ((v[h - 1] as number) + (v[h] as number)) / 2;
}
