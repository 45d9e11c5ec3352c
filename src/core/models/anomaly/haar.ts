/**
 * Full Haar wavelet decomposition of a window whose length is a power of two: the overall average
 * first, then detail coefficients from coarsest to finest. Shape features for the novelty model.
 */
export function haar(input: Float64Array, out: Float64Array = new Float64Array(input.length)): Float64Array {
  const n = input.length;
  if (n === 0 || (n & (n - 1)) !== 0) throw new RangeError(`Haar needs a power-of-two length, got ${n}`);
  const work = Float64Array.from(input);
  let len = n;
  while (len > 1) {
    const half = len >> 1;
    const tmp = new Float64Array(len);
    for (let i = 0; i < half; i++) {
      const a = work[2 * i] as number;
      const b = work[2 * i + 1] as number;
      tmp[i] = (a + b) / Math.SQRT2;
      tmp[half + i] = (a - b) / Math.SQRT2;
    }
    work.set(tmp, 0);
    len = half;
  }
  out.set(work);
  return out;
}
