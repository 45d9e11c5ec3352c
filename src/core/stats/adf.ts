import { HouseholderQr, leastSquares, olsLogLikelihood } from './least-squares';
import type { TrendTerms } from './mackinnon-tables';
import { mackinnonCrit, mackinnonP } from './mackinnon';

/** How the lag length is chosen among 0..maxlag; `null` uses maxlag itself. */
export type AutoLag = 'aic' | 'bic' | 't-stat' | null;

export interface AdfOptions {
  /** Highest lag tried; default 12·(nobs/100)^¼ as statsmodels (Schwert 1989). */
  readonly maxlag?: number;
  /** Deterministic terms of the test regression; default 'c' (constant). */
  readonly regression?: TrendTerms;
  /** Default 'aic'. */
  readonly autolag?: AutoLag;
}

export interface AdfResult {
  /** τ: the t-value of the lagged level in the test regression. */
  readonly statistic: number;
  /** MacKinnon (1994, 2010 tables) approximate p-value. */
  readonly pvalue: number;
  readonly usedlag: number;
  /** Observations in the final test regression. */
  readonly nobs: number;
  readonly critical: { readonly '1%': number; readonly '5%': number; readonly '10%': number };
  /** Best information criterion (|t| of the last lag for 't-stat'); null without autolag. */
  readonly icbest: number | null;
  readonly maxlag: number;
}

/** 5% one-sided normal quantile: statsmodels' stopping rule for the 't-stat' lag search. */
const T_STAT_STOP = 1.6448536269514722;

function trendCount(regression: TrendTerms): number {
  return regression === 'n' ? 0 : regression.length;
}

/** statsmodels `add_trend` columns: constant, then t = 1..n, then t². */
function trendColumns(regression: TrendTerms, nobs: number): Float64Array[] {
  const cols: Float64Array[] = [];
  if (regression === 'n') return cols;
  cols.push(new Float64Array(nobs).fill(1));
  if (regression === 'ct' || regression === 'ctt') cols.push(Float64Array.from({ length: nobs }, (_, i) => i + 1));
  if (regression === 'ctt') cols.push(Float64Array.from({ length: nobs }, (_, i) => (i + 1) ** 2));
  return cols;
}

/** Default maxlag, as statsmodels: ceil(12·(n/100)^¼), capped so the regression keeps dof. */
export function defaultAdfMaxlag(nobs: number, regression: TrendTerms = 'c'): number {
  const lag = Math.ceil(12 * Math.pow(nobs / 100, 1 / 4));
  return Math.min(Math.floor(nobs / 2) - trendCount(regression) - 1, lag);
}

/**
 * Regressors of the ADF regression with `lags` lagged differences: Δx_t on x_{t−1} and
 * Δx_{t−1..t−lags}, for the last `nobs = n − 1 − lags` differences (statsmodels' lagmat 'both').
 */
function adfDesign(x: ArrayLike<number>, diff: Float64Array, lags: number) {
  const nobs = diff.length - lags;
  const dy = diff.subarray(lags);
  const level = new Float64Array(nobs);
  for (let r = 0; r < nobs; r++) level[r] = x[lags + r] as number;
  const lagCols: Float64Array[] = [];
  for (let j = 1; j <= lags; j++) lagCols.push(diff.slice(lags - j, lags - j + nobs));
  return { nobs, dy, level, lagCols };
}

/**
 * Augmented Dickey-Fuller unit-root test, computed as statsmodels `adfuller` (0.13/0.14): the lag
 * search fits every lag length on the same rows (those the longest lag allows) and picks the
 * smallest AIC/BIC, ties to the shorter lag; the test regression is then rerun with the chosen lag
 * on all the rows it allows. H0: unit root. Throws RangeError when the sample is too short.
 */
export function adfuller(x: ArrayLike<number>, options: AdfOptions = {}): AdfResult {
  const regression = options.regression ?? 'c';
  const autolag = options.autolag === undefined ? 'aic' : options.autolag;
  const n = x.length;
  const ntrend = trendCount(regression);
  let maxlag: number;
  if (options.maxlag === undefined) {
    maxlag = defaultAdfMaxlag(n, regression);
    if (maxlag < 0) throw new RangeError(`adfuller: ${n} observations are too few for regression '${regression}'`);
  } else {
    maxlag = options.maxlag;
    if (!Number.isInteger(maxlag) || maxlag < 0)
      throw new RangeError(`adfuller: maxlag must be a non-negative integer`);
    if (maxlag > Math.floor(n / 2) - ntrend - 1) {
      throw new RangeError(`adfuller: maxlag must be less than (nobs/2 - 1 - ntrend); nobs ${n}, maxlag ${maxlag}`);
    }
  }
  const diff = new Float64Array(Math.max(n - 1, 0));
  for (let i = 0; i + 1 < n; i++) diff[i] = (x[i + 1] as number) - (x[i] as number);

  let usedlag = maxlag;
  let icbest: number | null = null;
  if (autolag !== null) {
    const full = adfDesign(x, diff, maxlag);
    // Column order as statsmodels: trend terms, level, lag 1..maxlag; fit p columns for each p.
    const columns = [...trendColumns(regression, full.nobs), full.level, ...full.lagCols];
    const startlag = ntrend + 1;
    if (full.nobs <= columns.length)
      throw new RangeError(`adfuller: ${n} observations are too few for maxlag ${maxlag}`);
    const qr = new HouseholderQr(columns);
    const z = qr.qtApply(full.dy);
    const ssr = qr.prefixSsr(z);
    let bestP = startlag + maxlag;
    if (autolag === 't-stat') {
      icbest = 0;
      for (let p = startlag + maxlag; p >= startlag; p--) {
        icbest = Math.abs(qr.lastTValue(z, p, ssr[p] as number));
        bestP = p;
        if (icbest >= T_STAT_STOP) break;
      }
    } else {
      let best = Infinity;
      for (let p = startlag; p <= startlag + maxlag; p++) {
        const llf = olsLogLikelihood(ssr[p] as number, full.nobs);
        const penalty = autolag === 'aic' ? 2 * p : Math.log(full.nobs) * p;
        const ic = -2 * llf + penalty;
        // Strictly smaller only: Python's min over (ic, lag) keeps the shorter lag on ties.
        if (ic < best) {
          best = ic;
          bestP = p;
        }
      }
      icbest = best;
    }
    usedlag = bestP - startlag;
  }

  const d = adfDesign(x, diff, usedlag);
  const columns = [d.level, ...d.lagCols, ...trendColumns(regression, d.nobs)];
  if (d.nobs <= columns.length) throw new RangeError(`adfuller: ${n} observations are too few for ${usedlag} lags`);
  const fit = leastSquares(columns, d.dy);
  const statistic = fit.tValues[0] as number;
  const crit = mackinnonCrit(1, regression, d.nobs);
  return {
    statistic,
    pvalue: mackinnonP(statistic, regression, 1),
    usedlag,
    nobs: d.nobs,
    critical: { '1%': crit[0], '5%': crit[1], '10%': crit[2] },
    icbest,
    maxlag,
  };
}
