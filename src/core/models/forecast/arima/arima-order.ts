/** An ARIMA(p, d, q) order: AR lags, differencing, MA lags. */
export interface ArimaOrder {
  readonly p: number;
  readonly d: number;
  readonly q: number;
}

/**
 * statsmodels' default trend for `ARIMA(order=...)`: a constant when the series is not
 * differenced, none when it is (a constant in a differenced model would be a drift).
 */
export function defaultHasConstant(order: ArimaOrder): boolean {
  return order.d === 0;
}

/** statsmodels' parameter names, in its order: const, ar.L1.., ma.L1.., sigma2. */
export function arimaParamNames(order: ArimaOrder, hasConstant: boolean): string[] {
  const names: string[] = hasConstant ? ['const'] : [];
  for (let i = 1; i <= order.p; i++) names.push(`ar.L${i}`);
  for (let i = 1; i <= order.q; i++) names.push(`ma.L${i}`);
  names.push('sigma2');
  return names;
}
