import { mulberry32 } from '../../demo/rng';
import type { ForecastBar } from './forecaster';

/** A seeded uniform generator (the demo feed's mulberry32): synthetic series and weight initialisation. */
export const seededRandom = mulberry32;

/** Standard normal draws from a seeded uniform generator (Box–Muller). */
export function seededNormal(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Bars whose closes follow the given log returns from 100; open is the previous close, high and
 * low add a wick of about half the bar's own volatility. For tests and benchmarks.
 */
export function barsFromReturns(
  returns: readonly number[],
  volatility: (i: number) => number,
  seed = 1,
): ForecastBar[] {
  const uniform = seededRandom(seed);
  let close = 100;
  return returns.map((r, i) => {
    const open = close;
    close = open * Math.exp(r);
    const wick = volatility(i) * 0.5;
    return {
      openTimeMs: 1_700_000_000_000 + i * 60_000,
      open,
      high: Math.max(open, close) * Math.exp(wick * uniform()),
      low: Math.min(open, close) * Math.exp(-wick * uniform()),
      close,
      volume: 1,
    };
  });
}

/** Log returns r_t = φ r_{t−1} + σ_t ε_t (φ = 0: a random walk in the close). */
export function ar1Returns(n: number, phi: number, sigma: (i: number) => number, seed: number): number[] {
  const normal = seededNormal(seed);
  const out: number[] = [];
  let previous = 0;
  for (let i = 0; i < n; i++) {
    previous = phi * previous + sigma(i) * normal();
    out.push(previous);
  }
  return out;
}
