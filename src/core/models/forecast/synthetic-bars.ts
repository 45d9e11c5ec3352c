import type { ForecastBar } from './forecaster';

/** A seeded uniform generator (mulberry32): synthetic series and weight initialisation. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
