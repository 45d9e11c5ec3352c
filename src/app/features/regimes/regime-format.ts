import type { RegimeState } from '../../../core/models/signals/signal';

/** "calm (p = 0.87)": the bar's most probable state and its filtered probability. */
export function regimeValueText(row: RegimeState, names: readonly string[]): string {
  const p = row.probabilities[row.state];
  const name = names[row.state] ?? `state ${row.state}`;
  return p === undefined || !Number.isFinite(p) ? name : `${name} (p = ${p.toFixed(2)})`;
}

/** The panel's line: "Regime: volatile (p = 0.87)". */
export function regimeText(row: RegimeState | null, names: readonly string[]): string {
  if (row === null || names.length === 0) return 'Regime: not fitted yet (after the forecasts)';
  return `Regime: ${regimeValueText(row, names)}`;
}
