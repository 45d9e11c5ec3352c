/** Symbol listing; the feed probes it once to tell a region block (451/403) or a bad symbol (400). */
export function exchangeInfoUrl(restBase: string, symbols: readonly string[]): string {
  return `${restBase.replace(/\/+$/, '')}/api/v3/exchangeInfo?symbols=${encodeURIComponent(JSON.stringify(symbols))}`;
}
