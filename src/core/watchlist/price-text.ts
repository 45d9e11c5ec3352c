/** Decimals of a tick size in exact text: "0.01" → 2, "0.5" → 1, "1" → 0, "0.00001000" → 5. */
export function decimalsOfTick(tickSize: string): number | null {
  const t = tickSize.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const dot = t.indexOf('.');
  if (dot < 0) return 0;
  return t.replace(/0+$/, '').length - dot - 1;
}

/** Decimals a price text carries, trailing zeros ignored: "66979.50" → 1. */
export function decimalsOfPrice(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.max(0, text.replace(/0+$/, '').length - dot - 1);
}

/**
 * A venue's exact price text shown at `decimals` places: padded with zeros ("66979.5" at 2 →
 * "66979.50"); never rounded — a price finer than the tick keeps its own digits.
 */
export function priceAtDecimals(text: string, decimals: number): string {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return t;
  const [whole, fraction = ''] = t.split('.') as [string, string?];
  const digits = fraction.replace(/0+$/, '');
  const places = Math.max(decimals, digits.length);
  return places === 0 ? whole : `${whole}.${digits.padEnd(places, '0')}`;
}

/** A signed percentage for display: "+1.23 %", "−0.40 %" (typographic minus). */
export function signedPercent(value: number, decimals = 2): string {
  const rounded = Number(value.toFixed(decimals));
  const text = Math.abs(rounded).toFixed(decimals);
  if (rounded > 0) return `+${text} %`;
  if (rounded < 0) return `−${text} %`;
  return `${text} %`;
}
