import type { SeriesMemory } from './state';

/**
 * The one arming rule behind every kind. A probe says, for the newest value, whether an upward
 * (or downward) firing condition holds (`upHit`) and whether the value is back where the rule
 * re-arms (`upRearm`: at or below level − hysteresis for a cross above). A side fires when it is
 * wanted, armed and hit; firing disarms it, and only a re-arm value arms it again. With zero
 * hysteresis this is exactly "v(t−1) ≤ level and v(t) > level" on consecutive values; with more,
 * a value hovering around the level fires once. Crosses start disarmed (the first value only
 * arms), conditions (`above`, `≥ x`) start armed, so one already true fires on its first value.
 */
export interface Probe {
  readonly upHit: boolean;
  readonly upRearm: boolean;
  readonly downHit: boolean;
  readonly downRearm: boolean;
}

export interface Sides {
  readonly up: boolean;
  readonly down: boolean;
}

export type Crossing = 'up' | 'down' | null;

export function freshMemory(startArmed: boolean): SeriesMemory {
  return {
    armedUp: startArmed,
    armedDown: startArmed,
    lastFiredBarMs: null,
    cooldownUntilMs: null,
    spent: false,
  };
}

/** Which side (if any) the value fires, and the memory after it. */
export function step(memory: SeriesMemory, sides: Sides, probe: Probe): { crossing: Crossing; memory: SeriesMemory } {
  const up = sides.up && memory.armedUp && probe.upHit;
  const down = !up && sides.down && memory.armedDown && probe.downHit;
  const armedUp = (memory.armedUp && !up) || probe.upRearm;
  const armedDown = (memory.armedDown && !down) || probe.downRearm;
  const crossing: Crossing = up ? 'up' : down ? 'down' : null;
  if (armedUp === memory.armedUp && armedDown === memory.armedDown) return { crossing, memory };
  return { crossing, memory: { ...memory, armedUp, armedDown } };
}
