import {
  AlertEngine,
  type AlertBar,
  type AlertFiring,
  type AlertInput,
  type AlertRule,
  type HealthInput,
  type QuietHours,
  type RuleState,
} from '../alerts';
import type { Candle, CandleUpdate } from '../candles/candle';
import type { TimeframeId } from '../candles/timeframe';
import { instrumentKey, type InstrumentKey, type VenueId } from '../exchange/types';
import type { FeedHealth } from '../feed/feed-health';
import type { StoredCandles } from './analytics-stage';

/** Where the stage keeps firings and rule state (`src/data/alert-*.ts` in the worker). */
export interface AlertPorts {
  readonly candles: StoredCandles;
  /** Stores firings once each (unique dedup key); resolves with those that were new. */
  saveFirings(firings: readonly AlertFiring[]): Promise<AlertFiring[]>;
  saveStates(states: readonly RuleState[]): Promise<void>;
  /** A storage failure: the firing stays in memory and is delivered anyway, never lost silently. */
  onError(error: unknown): void;
}

/** Rule state is written back at most this often (event time); firings are written at once. */
const STATE_WRITE_MS = 1_000;

export function alertBar(candle: Candle, atMs: number): AlertBar {
  const close = Number(candle.close);
  return {
    type: 'bar',
    key: instrumentKey(candle.venue, candle.symbol),
    timeframe: candle.timeframe,
    openTimeMs: candle.openTimeMs,
    open: Number(candle.open),
    high: Number(candle.high),
    low: Number(candle.low),
    close,
    closeText: candle.close,
    volume: Number(candle.volume),
    buyVolume: Number(candle.buyVolume),
    sellVolume: Number(candle.sellVolume),
    trades: candle.trades,
    closed: candle.closed,
    atMs,
  };
}

/** One health input per venue in a report: connected if any of its connections is live. */
export function healthInputs(health: FeedHealth, nowMs: number): HealthInput[] {
  const byVenue = new Map<string, { connected: boolean; age: number }>();
  for (const c of health.connections) {
    const v = byVenue.get(c.venue) ?? { connected: false, age: Infinity };
    v.connected ||= c.state.kind === 'live';
    v.age = Math.min(v.age, c.lastMessageAgeMs);
    byVenue.set(c.venue, v);
  }
  const gaps = new Map(health.venues.map((v) => [v.venue, v.gapsUnfillable]));
  return [...byVenue].map(([venue, v]) => ({
    type: 'health',
    venue: venue as VenueId,
    timeMs: nowMs,
    connected: v.connected,
    lastMessageAgeMs: Number.isFinite(v.age) ? v.age : 0,
    gapsUnfillable: gaps.get(venue) ?? 0,
  }));
}

/**
 * The alert stage of the leader's feed worker: on every drained batch it judges the rules on the
 * bars (only timeframes some rule needs are converted) and on the health report, stores new
 * firings (once each, across tabs) and hands them to the next batch (`FeedBatch.alerts`) once
 * stored. Driven by arriving data only: no timers.
 */
export class AlertStage {
  private engine = new AlertEngine();
  private timeframes = new Set<TimeframeId>();
  private ready: AlertFiring[] = [];
  private lastStateWriteMs = -Infinity;
  /** Called when stored firings wait for a batch: emit soon. */
  onPending: () => void = () => undefined;

  constructor(
    private readonly ports: AlertPorts,
    private readonly quietHours?: QuietHours,
  ) {}

  get rules(): readonly AlertRule[] {
    return this.engine.rules;
  }

  /**
   * Replaces the rules (state kept for unchanged ones, else taken from `stored`) and warms their
   * indicators and windows from the newest stored bars of `instruments` (plus those rules name).
   */
  async setRules(
    rules: readonly AlertRule[],
    stored: readonly RuleState[],
    instruments: readonly string[],
    /** False once a newer call superseded this one (warm-ups can finish out of order). */
    current: () => boolean = () => true,
  ): Promise<void> {
    const engine = new AlertEngine(rules, this.quietHours === undefined ? {} : { quietHours: this.quietHours }, [
      // Live state wins over what is stored (it is newer).
      ...stored,
      ...this.engine.states(),
    ]);
    const timeframes = engine.timeframes();
    const keys = new Set<InstrumentKey>(instruments as InstrumentKey[]);
    for (const r of rules) {
      if (r.instrument !== undefined) keys.add(r.instrument);
      if (r.kind === 'pair-z' || r.kind === 'divergence') keys.add(r.a).add(r.b);
    }
    const warmup = engine.warmupBars();
    if (warmup > 0) {
      const series = [...keys].flatMap((key) => timeframes.map((tf) => ({ key, tf })));
      const stored = await Promise.all(series.map(({ key, tf }) => this.ports.candles.recent(key, tf, warmup)));
      for (const candles of stored) engine.seed(candles.filter((c) => c.closed).map((c) => alertBar(c, c.openTimeMs)));
    }
    if (!current()) return;
    this.engine = engine;
    this.timeframes = new Set(timeframes);
  }

  states(nowMs?: number): RuleState[] {
    return this.engine.states(nowMs);
  }

  /** Inputs from other stages (anomaly scores, signals, sentiment). */
  input(inputs: readonly AlertInput[], nowMs: number): void {
    const firings = inputs.flatMap((i) => this.engine.evaluate(i));
    this.store(firings, nowMs);
  }

  /** One drained batch: returns the stored firings waiting for it. */
  frame(updates: readonly CandleUpdate[], health: FeedHealth | null, nowMs: number): AlertFiring[] {
    if (this.timeframes.size > 0 || health !== null) {
      const firings: AlertFiring[] = [];
      for (const u of updates) {
        if (this.timeframes.has(u.candle.timeframe)) firings.push(...this.engine.evaluate(alertBar(u.candle, nowMs)));
      }
      if (health !== null) for (const h of healthInputs(health, nowMs)) firings.push(...this.engine.evaluate(h));
      this.store(firings, nowMs);
    }
    const out = this.ready;
    this.ready = [];
    return out;
  }

  private store(firings: AlertFiring[], nowMs: number): void {
    if (firings.length > 0) {
      this.ports.saveFirings(firings).then(
        (fresh) => this.deliver(fresh),
        (error: unknown) => {
          this.ports.onError(error);
          this.deliver(firings);
        },
      );
    }
    if (nowMs - this.lastStateWriteMs >= STATE_WRITE_MS || firings.length > 0) {
      const changed = this.engine.takeChanged(nowMs);
      if (changed.length > 0) {
        this.lastStateWriteMs = nowMs;
        this.ports.saveStates(changed).catch((error: unknown) => this.ports.onError(error));
      }
    }
  }

  private deliver(fresh: readonly AlertFiring[]): void {
    if (fresh.length === 0) return;
    this.ready.push(...fresh);
    this.onPending();
  }
}
