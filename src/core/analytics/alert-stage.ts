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
import { ArrivalWindow } from './arrival-window';

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
    /** Bar updates of the last `REPLAY_MS` by arrival (see `setRules`); the feed may have kept them before this stage existed. */
    private readonly recent = new ArrivalWindow(),
  ) {}

  get rules(): readonly AlertRule[] {
    return this.engine.rules;
  }

  /**
   * Replaces the rules (state kept for unchanged ones, else taken from `stored`) and warms their
   * indicators and windows from the newest stored bars of `instruments` (plus those rules name),
   * then from the bars that arrived here since (`recent`). New or edited rules are judged on the
   * bars that arrived from `sinceMs` (when they were saved) on, so a cross while they travelled
   * from the tab that saved them is not missed; without `sinceMs` they only arm.
   */
  async setRules(
    rules: readonly AlertRule[],
    stored: readonly RuleState[],
    instruments: readonly string[],
    /** False once a newer call superseded this one (warm-ups can finish out of order). */
    current: () => boolean = () => true,
    sinceMs = Infinity,
  ): Promise<void> {
    const plan = new AlertEngine(rules);
    const timeframes = plan.timeframes();
    const keys = new Set<InstrumentKey>(instruments as InstrumentKey[]);
    for (const r of rules) {
      if (r.instrument !== undefined) keys.add(r.instrument);
      if (r.kind === 'pair-z' || r.kind === 'divergence') keys.add(r.a).add(r.b);
    }
    const warmup = plan.warmupBars();
    const series = warmup > 0 ? [...keys].flatMap((key) => timeframes.map((tf) => ({ key, tf }))) : [];
    const history = await Promise.all(series.map(({ key, tf }) => this.ports.candles.recent(key, tf, warmup)));
    if (!current()) return;
    // From here on synchronous: no batch is judged between reading the live state and the swap.
    const live = this.engine.states();
    const carried = new Set(live.map((s) => `${s.ruleId}|${s.ruleHash}`));
    // Live state wins over what is stored (it is newer).
    const engine = new AlertEngine(rules, this.quietHours === undefined ? {} : { quietHours: this.quietHours }, [
      ...stored,
      ...live,
    ]);
    const wanted = new Set(timeframes);
    const recent = this.recent.bars.filter((r) => wanted.has(r.candle.timeframe));
    const firstRecent = new Map<string, number>();
    for (const { candle } of recent) {
      const id = `${instrumentKey(candle.venue, candle.symbol)}|${candle.timeframe}`;
      if (!firstRecent.has(id)) firstRecent.set(id, candle.openTimeMs);
    }
    history.forEach((candles, i) => {
      const { key, tf } = series[i] as { key: InstrumentKey; tf: TimeframeId };
      // Bars the recent updates hold are replayed from them instead, in arrival order.
      const until = firstRecent.get(`${key}|${tf}`) ?? Infinity;
      engine.seed(candles.filter((c) => c.closed && c.openTimeMs < until).map((c) => alertBar(c, c.openTimeMs)));
    });
    const fresh = new Set(engine.states().flatMap((s) => (carried.has(`${s.ruleId}|${s.ruleHash}`) ? [] : [s.ruleId])));
    const firings = engine.replay(
      recent.map((r) => alertBar(r.candle, r.atMs)),
      sinceMs,
      fresh,
    );
    this.engine = engine;
    this.timeframes = wanted;
    const newest = recent.at(-1)?.atMs;
    if (firings.length > 0 && newest !== undefined) this.store(firings, newest);
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
    this.recent.push(updates, nowMs);
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
