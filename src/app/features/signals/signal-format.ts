import type { Signal } from '../../../core/models/signals/signal';

export function percentText(p: number): string {
  return `${Math.round(p * 100)} %`;
}

/** The feed's headline: the action, or for a HOLD the engine's honest reason. */
export function headline(s: Signal): string {
  if (s.action !== 'HOLD') return `${s.action} — confidence ${percentText(s.confidence)}`;
  const warm = s.evidence.find((e) => e.input === 'warm-up');
  if (warm !== undefined) return `HOLD — ${warm.detail}`;
  return 'HOLD — no edge after costs';
}

/** Entry, stop and target in the instrument's precision-free plain form. */
export function levelsText(s: Signal, digits = 2): string {
  return `entry ${s.entry.toFixed(digits)} · stop ${s.stop.toFixed(digits)} · target ${s.target.toFixed(digits)}`;
}

export function sizingText(s: Signal): string {
  return `risk-reward ${s.riskReward.toFixed(2)} · Kelly ${percentText(s.kelly)} · EV ${s.expectedValue.toFixed(2)}`;
}
