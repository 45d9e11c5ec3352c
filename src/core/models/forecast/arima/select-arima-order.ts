import { fitArima, minimumBars, type ArimaFit, type ArimaFitOptions } from './fit-arima';

export interface OrderSearch {
  /** Differencing, fixed: AIC compares models only on the same likelihood sample (after d bars). */
  readonly d: number;
  readonly maxP?: number;
  readonly maxQ?: number;
  /** Passed to every fit (trend, BFGS stopping rule). */
  readonly fit?: ArimaFitOptions;
}

export interface OrderSelection {
  readonly best: ArimaFit;
  /** Every order tried with its AIC, in grid order (p outer, q inner); failed fits are left out. */
  readonly candidates: readonly { readonly p: number; readonly q: number; readonly aic: number }[];
}

/**
 * The ARIMA(p, d, q) with the lowest AIC over p in 0..maxP and q in 0..maxQ (default 2 each), with
 * statsmodels' default trend. Ties keep the earlier (smaller) order. Orders the series is too
 * short for are skipped.
 */
export function selectArimaOrder(series: readonly number[], search: OrderSearch): OrderSelection {
  const maxP = search.maxP ?? 2;
  const maxQ = search.maxQ ?? 2;
  let best: ArimaFit | null = null;
  const candidates: { p: number; q: number; aic: number }[] = [];
  for (let p = 0; p <= maxP; p++) {
    for (let q = 0; q <= maxQ; q++) {
      const order = { p, d: search.d, q };
      if (series.length < minimumBars(order)) continue;
      const fit = fitArima(series, order, search.fit);
      if (!Number.isFinite(fit.aic)) continue;
      candidates.push({ p, q, aic: fit.aic });
      if (best === null || fit.aic < best.aic) best = fit;
    }
  }
  if (best === null) throw new Error(`the series (${series.length} bars) is too short for any order`);
  return { best, candidates };
}
