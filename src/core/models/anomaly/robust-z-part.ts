import { erfc } from '../../stats/normal-cdf';
import { QUIET, type DetectorPart, type PartReading } from './part';
import { SortedWindow } from './sorted-window';

/** Observations needed before a median and MAD mean anything. */
const MIN_HISTORY = 8;

/**
 * Median/MAD z-scores of the value and of its first difference against the last `window`
 * observations. Robust statistics keep one spike from inflating the scale that judges the next.
 * Surprise is the two-sided normal coverage erf(|z|/√2) of the larger z.
 */
export class RobustZPart implements DetectorPart {
  readonly name = 'robust-z';
  private values: SortedWindow;
  private diffs: SortedWindow;

  constructor(readonly window: number) {
    this.values = new SortedWindow(window);
    this.diffs = new SortedWindow(window);
  }

  read(x: number): PartReading {
    if (this.values.length < MIN_HISTORY) return QUIET;
    const level = zOf(x, this.values);
    const diff = zOf(x - this.values.last(), this.diffs);
    const z = Math.max(Math.abs(level), Math.abs(diff));
    if (!(z > 0)) return QUIET;
    const surprise = surpriseOfZ(z);
    const detail =
      Math.abs(level) >= Math.abs(diff)
        ? describe('value', level, 'median')
        : describe('change', diff, 'typical change');
    return { surprise, detail };
  }

  learn(x: number): void {
    if (this.values.length > 0) this.diffs.push(x - this.values.last());
    this.values.push(x);
  }

  snapshot(): unknown {
    return { values: this.values.toArray(), diffs: this.diffs.toArray() };
  }

  restore(state: unknown): void {
    const s = state as { values: number[]; diffs: number[] };
    this.values = SortedWindow.fromArray(this.window, s.values);
    this.diffs = SortedWindow.fromArray(this.window, s.diffs);
  }
}

/**
 * A z-score as surprise on a log-tail scale: −log10 of the two-sided normal tail over 10, capped at
 * 1 (z ≈ 3 → 0.26, z ≈ 6 → 0.87, z ≥ 6.4 → 1). Unlike the tail's complement it does not saturate
 * at z ≈ 3, so a heavy-tailed series still leaves room above its ordinary surprise.
 */
export function surpriseOfZ(z: number): number {
  if (!(z > 0)) return 0;
  if (z === Infinity) return 1;
  const tail = erfc(z / Math.SQRT2);
  return tail <= 1e-10 ? 1 : Math.min(1, -Math.log10(tail) / 10);
}

function zOf(x: number, window: SortedWindow): number {
  if (window.length < MIN_HISTORY) return 0;
  const { median, scale } = window.location();
  const d = x - median;
  if (scale > 0) return d / scale;
  // A window of one repeated value: any departure is as surprising as it gets.
  return d === 0 ? 0 : d > 0 ? Infinity : -Infinity;
}

function describe(what: string, z: number, against: string): string {
  const size = Number.isFinite(z) ? `${Math.abs(z).toFixed(1)} MAD` : 'off a flat run';
  return `${what} ${size} ${z > 0 ? 'above' : 'below'} the ${against}`;
}
