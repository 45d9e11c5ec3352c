/**
 * Standard normal CDF, as Cephes `ndtr` (the routine behind scipy.stats.norm.cdf), so MacKinnon
 * p-values agree with statsmodels to the last few bits, including far in the tails.
 * Coefficients: Cephes Math Library 2.2, S. L. Moshier (ndtr.c), written as the shortest literals
 * of the same doubles.
 */

const P = [
  2.461969814735305e-10, 0.5641895648310689, 7.463210564422699, 48.63719709856814, 196.5208329560771, 526.4451949954773,
  934.5285271719576, 1027.5518868951572, 557.5353353693994,
];
const Q = [
  13.228195115474499, 86.70721408859897, 354.9377788878199, 975.7085017432055, 1823.9091668790973, 2246.3376081871097,
  1656.6630919416134, 557.5353408177277,
];
const R = [
  0.5641895835477551, 1.275366707599781, 5.019050422511805, 6.160210979930536, 7.4097426995044895, 2.9788666537210022,
];
const S = [
  2.2605286322011726, 9.396035249380015, 12.048953980809666, 17.08144507475659, 9.608968090632859, 3.369076451000815,
];
const T = [9.604973739870516, 90.02601972038427, 2232.005345946843, 7003.325141128051, 55592.30130103949];
const U = [33.56171416475031, 521.3579497801527, 4594.323829709801, 22629.000061389095, 49267.39426086359];
const MAXLOG = 709.782712893384;

/** Horner with the leading coefficient given (Cephes polevl). */
function polevl(x: number, coef: readonly number[]): number {
  let y = coef[0] as number;
  for (let i = 1; i < coef.length; i++) y = y * x + (coef[i] as number);
  return y;
}

/** Horner with an implicit leading 1 (Cephes p1evl). */
function p1evl(x: number, coef: readonly number[]): number {
  let y = x + (coef[0] as number);
  for (let i = 1; i < coef.length; i++) y = y * x + (coef[i] as number);
  return y;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -erf(-x);
  if (x > 1) return 1 - erfc(x);
  const z = x * x;
  return (x * polevl(z, T)) / p1evl(z, U);
}

export function erfc(a: number): number {
  if (Number.isNaN(a)) return NaN;
  const x = Math.abs(a);
  if (x < 1) return 1 - erf(a);
  const z = -a * a;
  if (z < -MAXLOG) return a < 0 ? 2 : 0;
  const ez = Math.exp(z);
  const p = x < 8 ? polevl(x, P) : polevl(x, R);
  const q = x < 8 ? p1evl(x, Q) : p1evl(x, S);
  let y = (ez * p) / q;
  if (a < 0) y = 2 - y;
  if (y !== 0) return y;
  return a < 0 ? 2 : 0;
}

/** P(Z <= a) for a standard normal Z. */
export function normalCdf(a: number): number {
  if (Number.isNaN(a)) return NaN;
  const x = a * Math.SQRT1_2;
  const z = Math.abs(x);
  if (z < Math.SQRT1_2) return 0.5 + 0.5 * erf(x);
  const y = 0.5 * erfc(z);
  return x > 0 ? 1 - y : y;
}
