import type { Crossing, Probe, Sides } from './level-machine';

/** What a judge says about the newest value of a rule's input. */
export interface Judgement {
  readonly probe: Probe;
  /** The main value (a price: exact decimal text). */
  readonly value: number | string;
  readonly values: Readonly<Record<string, number | string | null>>;
  /** The sentence for a firing (`crossing` set) or for not firing (null). */
  explain(crossing: Crossing): string;
}

/** A judgement, or why there is nothing to judge yet ("rsi_14 warming up"). */
export type Verdict = Judgement | string;

/** How a kind arms: crosses start disarmed, conditions armed; which sides may fire. */
export interface Arming {
  readonly sides: Sides;
  readonly startArmed: boolean;
}

export const UP: Sides = { up: true, down: false };
export const DOWN: Sides = { up: false, down: true };
export const BOTH: Sides = { up: true, down: true };

/** Short number text for reasons: 4 significant digits past the point, no exponent for prices. */
export function show(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return value.toFixed(2).replace(/\.?0+$/, '');
  return Number(value.toPrecision(4)).toString();
}

/** A condition "value ≥ threshold" upwards (and, with `down`, "value ≤ −threshold"); re-arms when it stops holding. */
export function atLeast(value: number, threshold: number, down = false): Probe {
  return {
    upHit: value >= threshold,
    upRearm: value < threshold,
    downHit: down && value <= -threshold,
    downRearm: down && value > -threshold,
  };
}
