/**
 * Per-input mean and standard deviation from the training windows (data up to the training time
 * only, so scoring stays causal), stored with the weights.
 */
export interface Normaliser {
  readonly mean: number[];
  readonly std: number[];
}

export function fitNormaliser(rows: readonly Float64Array[], size: number): Normaliser {
  const mean = new Array<number>(size).fill(0);
  const m2 = new Array<number>(size).fill(0);
  rows.forEach((r, n) => {
    for (let i = 0; i < size; i++) {
      const x = r[i] as number;
      const d = x - (mean[i] as number);
      mean[i] = (mean[i] as number) + d / (n + 1);
      m2[i] = (m2[i] as number) + d * (x - (mean[i] as number));
    }
  });
  const std = m2.map((v) => Math.sqrt(v / Math.max(1, rows.length - 1)) || 1);
  return { mean, std: std.map((s) => (s < 1e-12 ? 1 : s)) };
}

/** Writes the normalised `row` into `out` at `offset` (clipped to ±10 σ: one wild bar cannot blow up the loss). */
export function normaliseInto(row: Float64Array, n: Normaliser, out: Float32Array, offset: number): void {
  for (let i = 0; i < row.length; i++) {
    const z = ((row[i] as number) - (n.mean[i] as number)) / (n.std[i] as number);
    out[offset + i] = Math.max(-10, Math.min(10, z));
  }
}
