/**
 * Maps unconstrained reals onto the coefficients of a stationary AR polynomial (Monahan 1984):
 * each real becomes a partial autocorrelation in (−1, 1), and the Durbin–Levinson recursion turns
 * those into AR coefficients. The optimiser then searches all of R^k and can never leave the
 * stationary (or, for MA, invertible) region, as statsmodels' `enforce_stationarity` does.
 */
export function constrainStationary(unconstrained: readonly number[]): number[] {
  const n = unconstrained.length;
  let previous: number[] = [];
  for (let k = 0; k < n; k++) {
    const x = unconstrained[k] as number;
    const r = x / Math.sqrt(1 + x * x);
    const next = new Array<number>(k + 1);
    for (let i = 0; i < k; i++) next[i] = (previous[i] as number) - r * (previous[k - i - 1] as number);
    next[k] = r;
    previous = next;
  }
  return previous;
}

/** The inverse of `constrainStationary` (for coefficients already strictly inside the region). */
export function unconstrainStationary(constrained: readonly number[]): number[] {
  const n = constrained.length;
  const pacf = new Array<number>(n);
  let current = [...constrained];
  for (let k = n - 1; k >= 0; k--) {
    const r = current[k] as number;
    pacf[k] = r;
    const denominator = 1 - r * r;
    const previous = new Array<number>(k);
    for (let i = 0; i < k; i++)
      previous[i] = ((current[i] as number) + r * (current[k - i - 1] as number)) / denominator;
    current = previous;
  }
  return pacf.map((r) => r / Math.sqrt(1 - r * r));
}
