import type { TimeframeId } from '../candles/timeframe';
import type { InstrumentKey, VenueId } from '../exchange/types';
import type { CompiledRule } from './compile';
import { dedupKeyOf, type AlertFiring } from './firing';
import { freshMemory, step } from './level-machine';
import type { Verdict } from './judgement';
import { inQuietHours } from './quiet-hours';
import type { QuietHours } from './rule';
import type { RuleEvaluation, RuleState, RuleStatus, SeriesMemory } from './state';

/** Where one evaluation happened. */
export interface Place {
  /** Series memory key (`key|tf`, a venue, `a~b|tf`). */
  readonly scope: string;
  readonly instrument: InstrumentKey | null;
  readonly other?: InstrumentKey;
  readonly venue?: VenueId;
  readonly timeframe: TimeframeId | null;
  readonly openTimeMs: number;
  /** Event time (epoch ms). */
  readonly atMs: number;
  readonly intrabar: boolean;
}

function clock(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(11, 19);
}

/**
 * One rule's live state: series memories (arming, dedup per bar, cooldown, once) and the last
 * evaluation, and the decision path every kind shares: paused, expired, judge, arm, once, dedup
 * per bar, cooldown, quiet hours, priority.
 */
export class RuleRuntime {
  private readonly memory = new Map<string, SeriesMemory>();
  /** Scopes restored from storage: seeding does not overwrite their arming. */
  private readonly restored = new Set<string>();
  lastEvaluation: RuleEvaluation | null = null;
  lastFiredAtMs: number | null = null;
  firings = 0;
  /** Changed since the last `takeChanged` of the engine. */
  dirty = false;

  constructor(
    public compiled: CompiledRule,
    stored?: RuleState,
  ) {
    if (stored !== undefined && stored.ruleHash === compiled.hash) {
      for (const [scope, m] of Object.entries(stored.series)) {
        this.memory.set(scope, m);
        this.restored.add(scope);
      }
      this.lastEvaluation = stored.lastEvaluation;
      this.lastFiredAtMs = stored.lastFiredAtMs;
      this.firings = stored.firings;
    }
  }

  get id(): string {
    return this.compiled.id;
  }

  /** Judges one value; pushes a firing unless `silent` (seeding from history). */
  settle(place: Place, verdict: Verdict, quiet: QuietHours | undefined, out: AlertFiring[], silent = false): void {
    const c = this.compiled;
    const rule = c.rule;
    if (rule.paused === true) return;
    if (rule.expiresAtMs !== undefined && place.atMs >= rule.expiresAtMs) {
      if (!silent) this.evaluated(place, false, `expired at ${new Date(rule.expiresAtMs).toISOString()}`);
      return;
    }
    if (typeof verdict === 'string') {
      if (!silent) this.evaluated(place, false, verdict);
      return;
    }
    const before = this.memory.get(place.scope) ?? freshMemory(c.arming.startArmed);
    const { crossing, memory } = step(before, c.arming.sides, verdict.probe);
    if (silent) {
      if (!this.restored.has(place.scope)) this.memory.set(place.scope, memory);
      return;
    }
    this.restored.delete(place.scope);
    if (memory !== before) this.dirty = true;
    this.memory.set(place.scope, memory);
    if (crossing === null) {
      this.evaluated(place, false, verdict.explain(null));
      return;
    }
    const reason = verdict.explain(crossing);
    if (memory.spent) return this.evaluated(place, false, `${reason}, but it fires once and already did`);
    if (memory.lastFiredBarMs === place.openTimeMs) {
      return this.evaluated(place, false, `${reason}, but it already fired on this bar`);
    }
    if (memory.cooldownUntilMs !== null && place.atMs < memory.cooldownUntilMs) {
      return this.evaluated(
        place,
        false,
        `${reason}, but it is cooling down until ${clock(memory.cooldownUntilMs)} UTC`,
      );
    }
    this.memory.set(place.scope, {
      ...memory,
      lastFiredBarMs: place.openTimeMs,
      cooldownUntilMs: c.cooldownMs > 0 ? place.atMs + c.cooldownMs : null,
      spent: c.trigger === 'once',
    });
    this.firings++;
    this.lastFiredAtMs = place.atMs;
    this.dirty = true;
    this.evaluated(place, true, reason);
    out.push({
      ruleId: c.id,
      ruleName: c.name,
      kind: rule.kind,
      instrument: place.instrument,
      ...(place.other !== undefined ? { other: place.other } : {}),
      ...(place.venue !== undefined ? { venue: place.venue } : {}),
      timeframe: place.timeframe,
      openTimeMs: place.openTimeMs,
      firedAtMs: place.atMs,
      value: verdict.value,
      values: verdict.values,
      priority: c.priority,
      reason,
      dedupKey: dedupKeyOf(c.id, place.instrument ?? place.venue ?? place.scope, place.timeframe, place.openTimeMs),
      quiet: c.priority !== 'critical' && inQuietHours(rule.quietHours ?? quiet, place.atMs),
      intrabar: place.intrabar,
    });
  }

  private evaluated(place: Place, fired: boolean, why: string): void {
    this.lastEvaluation = { atMs: place.atMs, scope: place.scope, openTimeMs: place.openTimeMs, fired, why };
    // Closed-bar and input evaluations are worth storing; forming-bar chatter is kept in memory.
    if (!place.intrabar) this.dirty = true;
  }

  status(nowMs: number): RuleStatus {
    const rule = this.compiled.rule;
    if (rule.paused === true) return 'paused';
    if (rule.expiresAtMs !== undefined && nowMs >= rule.expiresAtMs) return 'expired';
    const memories = [...this.memory.values()];
    if (memories.length === 0) return 'waiting';
    if (this.compiled.trigger === 'once' && memories.every((m) => m.spent)) return 'spent';
    if (memories.some((m) => m.cooldownUntilMs !== null && m.cooldownUntilMs > nowMs)) return 'cooldown';
    return 'armed';
  }

  state(nowMs: number): RuleState {
    let cooldownUntilMs: number | null = null;
    for (const m of this.memory.values()) {
      if (m.cooldownUntilMs !== null && (cooldownUntilMs === null || m.cooldownUntilMs > cooldownUntilMs)) {
        cooldownUntilMs = m.cooldownUntilMs;
      }
    }
    return {
      ruleId: this.id,
      ruleHash: this.compiled.hash,
      status: this.status(nowMs),
      cooldownUntilMs,
      lastFiredAtMs: this.lastFiredAtMs,
      firings: this.firings,
      lastEvaluation: this.lastEvaluation,
      series: Object.fromEntries(this.memory),
    };
  }
}
