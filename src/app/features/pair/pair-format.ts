/** A statistic for the pair panel: a few significant digits, "—" where undefined. */
export function statText(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  const text =
    abs >= 1e-3 && abs < 1e6
      ? value.toFixed(Math.max(0, digits - 1 - Math.floor(Math.log10(abs))))
      : value.toExponential(digits - 1);
  return text.replace(/^-/, '−');
}

/** A value in leg a's price units (the spread) at that instrument's tick decimals, when known. */
export function priceUnitsText(value: number | null | undefined, decimals: number | null): string {
  if (decimals === null || value === null || value === undefined || !Number.isFinite(value)) return statText(value);
  return value.toFixed(decimals).replace(/^-/, '−');
}

/** A p-value: four decimals, "< 0.0001" below that. */
export function pValueText(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return p < 1e-4 ? '< 0.0001' : p.toFixed(4);
}
