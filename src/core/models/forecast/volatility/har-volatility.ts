import { solveLinear } from '../arima/linear-solve';
import { meanSquare, type VolatilityModel } from './volatility-model';

/** HAR windows in bars: the last bar, the last 10 and the last 60 (on 1m bars: minute, ten minutes, hour). */
const WINDOWS = [1, 10, 60] as const;
const LONGEST = 60;

/**
 * HAR-RV (Corsi 2009) on squared log returns: RVₜ₊₁ = b₀ + Σ bᵢ · mean(RV over the last wᵢ bars),
 * fitted by least squares on the training part; k-step forecasts iterate the recursion with the
 * forecasts standing in for the unseen bars. A non-positive forecast falls back to the training
 * mean square (the regression is unconstrained).
 */
export class HarVolatility implements VolatilityModel {
  readonly name = 'har';
  private coefficients = [0, 0, 0, 0];
  private readonly recent: number[] = [];
  private fallback = 1e-8;

  fit(returns: readonly number[]): void {
    this.fallback = meanSquare(returns);
    const squares = returns.map((r) => r * r);
    const k = WINDOWS.length + 1;
    const xtx = new Float64Array(k * k);
    const xty = new Float64Array(k);
    const sums = prefixSums(squares);
    for (let t = LONGEST - 1; t + 1 < squares.length; t++) {
      const x = [1, ...WINDOWS.map((w) => ((sums[t + 1] as number) - (sums[t + 1 - w] as number)) / w)];
      for (let i = 0; i < k; i++) {
        xty[i] = (xty[i] as number) + (x[i] as number) * (squares[t + 1] as number);
        for (let j = 0; j < k; j++) xtx[i * k + j] = (xtx[i * k + j] as number) + (x[i] as number) * (x[j] as number);
      }
    }
    try {
      // A tiny ridge keeps a near-constant training part solvable.
      for (let i = 0; i < k; i++) xtx[i * k + i] = (xtx[i * k + i] as number) * (1 + 1e-9) + 1e-30;
      const solved = Array.from(solveLinear(xtx, xty, k));
      this.coefficients = solved.every(Number.isFinite) ? solved : [this.fallback, 0, 0, 0];
    } catch {
      this.coefficients = [this.fallback, 0, 0, 0];
    }
    // The state restarts empty: the caller replays the returns through observe.
    this.recent.length = 0;
  }

  observe(logReturn: number): void {
    this.recent.push(logReturn * logReturn);
    if (this.recent.length > LONGEST) this.recent.shift();
  }

  variances(horizon: number): number[] {
    const path = [...this.recent];
    const out: number[] = [];
    for (let h = 0; h < horizon; h++) {
      let v = this.coefficients[0] as number;
      WINDOWS.forEach((w, i) => (v += (this.coefficients[i + 1] as number) * meanOfLast(path, w, this.fallback)));
      const variance = Number.isFinite(v) && v > 0 ? v : this.fallback;
      out.push(variance);
      path.push(variance);
    }
    return out;
  }
}

function prefixSums(values: readonly number[]): Float64Array {
  const sums = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) sums[i + 1] = (sums[i] as number) + (values[i] as number);
  return sums;
}

function meanOfLast(values: readonly number[], w: number, fallback: number): number {
  const n = Math.min(w, values.length);
  if (n === 0) return fallback;
  let s = 0;
  for (let i = values.length - n; i < values.length; i++) s += values[i] as number;
  return s / n;
}
