import { MACKINNON, type TrendTerms } from './mackinnon-tables';
import { normalCdf } from './normal-cdf';

const SMALL_SCALING = [1, 1, 1e-2];
const LARGE_SCALING = [1, 1e-1, 1e-1, 1e-2];

/** c0 + c1·x + c2·x² + … by Horner from the highest power, as numpy.polyval does. */
function polyAscending(coef: readonly number[], scaling: readonly number[], x: number): number {
  let y = 0;
  for (let i = coef.length - 1; i >= 0; i--) y = y * x + (coef[i] as number) * (scaling[i] as number);
  return y;
}

/**
 * MacKinnon's (1994) approximate asymptotic p-value of a Dickey-Fuller / Engle-Granger τ statistic,
 * exactly as statsmodels `mackinnonp`. `n` is the number of I(1) series: 1 for ADF, 2 for a pair's
 * cointegration test. Left-tailed: small (very negative) statistics give small p-values.
 */
export function mackinnonP(stat: number, regression: TrendTerms = 'c', n = 1): number {
  if (!Number.isInteger(n) || n < 1 || n > 6) throw new RangeError(`mackinnonP: N must be 1..6, got ${n}`);
  const i = n - 1;
  if (stat > (MACKINNON.tauMax[regression][i] as number)) return 1;
  if (stat < (MACKINNON.tauMin[regression][i] as number)) return 0;
  if (Number.isNaN(stat)) return NaN;
  const poly =
    stat <= (MACKINNON.tauStar[regression][i] as number)
      ? polyAscending(MACKINNON.smallP[regression][i] as readonly number[], SMALL_SCALING, stat)
      : polyAscending(MACKINNON.largeP[regression][i] as readonly number[], LARGE_SCALING, stat);
  return normalCdf(poly);
}

/** 1%, 5% and 10% critical values. */
export type CriticalValues = readonly [number, number, number];

/**
 * MacKinnon's (2010) finite-sample critical values for `nobs` observations (Infinity for the
 * asymptotic ones), exactly as statsmodels `mackinnoncrit`. The 'n' table has N = 1 only.
 */
export function mackinnonCrit(n = 1, regression: TrendTerms = 'c', nobs = Infinity): CriticalValues {
  const table = MACKINNON.crit2010[regression][n - 1];
  if (table === undefined) throw new RangeError(`mackinnonCrit: no ${regression} table for N = ${n}`);
  const inv = 1 / nobs;
  const at = (level: number): number => {
    const b = table[level] as readonly number[];
    if (nobs === Infinity) return b[0] as number;
    let y = 0;
    for (let k = b.length - 1; k >= 0; k--) y = y * inv + (b[k] as number);
    return y;
  };
  return [at(0), at(1), at(2)];
}
