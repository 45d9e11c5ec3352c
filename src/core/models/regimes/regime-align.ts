import type { RegimeState } from '../signals/signal';

/**
 * `row`, labelled by `from` (index = state), relabelled by `to`. EM's state indexes are arbitrary,
 * so two fits may call the same index "calm" and "volatile": rows of different fits (stored ones
 * and the worker's newest) are shown together only by name. Null when the fits' names differ.
 */
export function alignRegime(row: RegimeState, from: readonly string[], to: readonly string[]): RegimeState | null {
  if (from.length !== to.length) return null;
  if (from.every((name, i) => name === to[i])) return row;
  const index = to.map((name) => from.indexOf(name));
  if (index.some((i) => i < 0)) return null;
  const state = to.indexOf(from[row.state] ?? '');
  if (state < 0) return null;
  return {
    openTimeMs: row.openTimeMs,
    state,
    probabilities: index.map((i) => row.probabilities[i] ?? 0),
  };
}
