/** Decimal or exponent notation: `12`, `-0.5`, `.5`, `1e-3`. */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The one rule for numbers read from CSV cells: decimal or exponent notation whose value is a
 * finite double. `1e400` (Infinity), `NaN`, hex and empty cells are refused (null), so nothing
 * computed from an accepted file can start out non-finite.
 */
export function parseCsvNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** A header cell: a name, not a number (`open_time`, `Quote Volume`). */
export function isHeaderCell(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_ ]*$/.test(text.trim());
}
