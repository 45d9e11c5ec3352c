export interface ReliabilityBin {
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  readonly mean_confidence: number;
  readonly worked: number;
}

/** Confidence vs outcome in bins of 0.1: how often trades with confidence near c worked. */
export function reliabilityCurve(
  points: readonly { confidence: number; worked: boolean }[],
  bins = 10,
): ReliabilityBin[] {
  const acc = [...Array(bins)].map(() => ({ n: 0, c: 0, w: 0 }));
  for (const p of points) {
    const a = acc[Math.min(bins - 1, Math.floor(p.confidence * bins))] as { n: number; c: number; w: number };
    a.n++;
    a.c += p.confidence;
    if (p.worked) a.w++;
  }
  return acc
    .map((a, i) => ({
      lo: i / bins,
      hi: (i + 1) / bins,
      n: a.n,
      mean_confidence: a.n ? a.c / a.n : 0,
      worked: a.n ? a.w / a.n : 0,
    }))
    .filter((b) => b.n > 0);
}

/** Expected calibration error: count-weighted mean |confidence − worked rate| over the bins. */
export function calibrationError(curve: readonly ReliabilityBin[]): number {
  const n = curve.reduce((s, b) => s + b.n, 0);
  return n === 0 ? 0 : curve.reduce((s, b) => s + (b.n * Math.abs(b.mean_confidence - b.worked)) / n, 0);
}
