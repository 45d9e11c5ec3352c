/** Solves A x = b (A square, row-major n×n) by Gaussian elimination with partial pivoting. */
export function solveLinear(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) {
      if (Math.abs(m[row * n + col] as number) > Math.abs(m[pivot * n + col] as number)) pivot = row;
    }
    if ((m[pivot * n + col] as number) === 0) throw new Error('singular system');
    if (pivot !== col) {
      for (let k = 0; k < n; k++) {
        const t = m[col * n + k] as number;
        m[col * n + k] = m[pivot * n + k] as number;
        m[pivot * n + k] = t;
      }
      const t = x[col] as number;
      x[col] = x[pivot] as number;
      x[pivot] = t;
    }
    const diagonal = m[col * n + col] as number;
    for (let row = col + 1; row < n; row++) {
      const factor = (m[row * n + col] as number) / diagonal;
      if (factor === 0) continue;
      for (let k = col; k < n; k++) m[row * n + k] = (m[row * n + k] as number) - factor * (m[col * n + k] as number);
      x[row] = (x[row] as number) - factor * (x[col] as number);
    }
  }
  for (let row = n - 1; row >= 0; row--) {
    let sum = x[row] as number;
    for (let k = row + 1; k < n; k++) sum -= (m[row * n + k] as number) * (x[k] as number);
    x[row] = sum / (m[row * n + row] as number);
  }
  return x;
}
