import type { TimeframeId } from '../candles/timeframe';
import type { InstrumentKey, VenueId } from '../exchange/types';
import { compileRule } from './compile';
import type { AlertFiring } from './firing';
import type { AlertBar, AlertInput, HealthInput } from './input';
import { SentimentPool, VenueWatch } from './input-contexts';
import { judgeAnomaly, judgeHealth, judgeSentiment, judgeSignal, DEFAULT_SENTIMENT_WINDOW_MS } from './input-judges';
import type { QuietHours, AlertRule } from './rule';
import { RuleRuntime, type Place } from './rule-runtime';
import { SeriesContext, type SeriesNeeds } from './series-context';
import type { RuleState } from './state';

export interface AlertEngineOptions {
  /** The app's quiet hours (a rule's own win). */
  readonly quietHours?: QuietHours;
  /**
   * Judge every candle rule on every series, ignoring its instrument and timeframe: the `alerts`
   * command, whose candles file is the one series.
   */
  readonly anySeries?: boolean;
}

interface SeriesEntry {
  readonly context: SeriesContext;
  readonly rules: readonly RuleRuntime[];
}

/**
 * Streams inputs through a rule set: `evaluate(input)` judges every rule the input concerns and
 * returns the firings, in rule order. Pure and synchronous: the same engine runs in the feed
 * worker (live) and in the `alerts` command (replay). Per series it computes only what its rules
 * need (indicators, close trail, baselines), on screen or not.
 */
export class AlertEngine {
  private runtimes: RuleRuntime[] = [];
  private readonly series = new Map<string, SeriesEntry | null>();
  private readonly pools = new Map<string, SentimentPool>();
  private readonly venues = new Map<VenueId, VenueWatch>();
  private lastAtMs = 0;

  constructor(
    rules: readonly AlertRule[] = [],
    private readonly options: AlertEngineOptions = {},
    stored: readonly RuleState[] = [],
  ) {
    this.setRules(rules, stored);
  }

  get rules(): readonly AlertRule[] {
    return this.runtimes.map((r) => r.compiled.rule);
  }

  /**
   * Replaces the rule set. A rule whose firing fields are unchanged (same id and fingerprint)
   * keeps its state (live, or else `stored`); a new or edited one starts fresh. Series contexts
   * are rebuilt, so indicators need seeding again (`seed`).
   */
  setRules(rules: readonly AlertRule[], stored: readonly RuleState[] = []): void {
    const live = new Map(this.runtimes.map((r) => [r.id, r]));
    const saved = new Map(stored.map((s) => [s.ruleId, s]));
    this.runtimes = rules.map((rule) => {
      const compiled = compileRule(rule);
      const current = live.get(rule.id);
      if (current !== undefined && current.compiled.hash === compiled.hash) {
        // Keep state and the stateful pair judges; take the new presentation fields.
        current.compiled = { ...compiled, ...pairJudges(current) };
        return current;
      }
      return new RuleRuntime(compiled, saved.get(rule.id));
    });
    this.series.clear();
  }

  /** Timeframes some candle or pair rule judges (what the worker must feed and seed). */
  timeframes(): TimeframeId[] {
    const out = new Set<TimeframeId>();
    for (const r of this.runtimes) {
      if (r.compiled.candle !== undefined || r.compiled.pairZ !== undefined || r.compiled.divergence !== undefined) {
        out.add(r.compiled.timeframe);
      }
    }
    return [...out];
  }

  /** Closed bars a series needs to warm up its rules' indicators and windows (a bound for seeding). */
  warmupBars(): number {
    let bars = 0;
    for (const r of this.runtimes) {
      const rule = r.compiled.rule;
      if (rule.kind === 'indicator') bars = Math.max(bars, 600);
      if (rule.kind === 'volume-spike' || rule.kind === 'trade-count-spike')
        bars = Math.max(bars, (rule.window ?? 20) + 1);
      if (rule.kind === 'pair-z') bars = Math.max(bars, 2 * (rule.window ?? 100) + 1);
      if (rule.kind === 'move' || rule.kind === 'divergence') bars = Math.max(bars, 60);
    }
    return bars;
  }

  /** Feeds closed history bars without firing: warms indicators and windows, primes arming. */
  seed(bars: readonly AlertBar[]): void {
    const sink: AlertFiring[] = [];
    for (const bar of bars) this.onBar(bar, sink, true);
  }

  /**
   * Bars that went by while these rules were on their way (saved in a tab, then loaded here): in
   * arrival order, judged only for the `fresh` rules (new or edited: the others already judged
   * them) and only from `sinceMs` (arrival time, when the rules were saved) on; before that, and
   * for every other rule, they only warm up and arm, like `seed`. So a rule saved at 42001 fires
   * on a cross to 42150 that arrived before it was loaded. Returns the firings.
   */
  replay(bars: readonly AlertBar[], sinceMs: number, fresh: ReadonlySet<string>): AlertFiring[] {
    const out: AlertFiring[] = [];
    const stale = (r: RuleRuntime) => !fresh.has(r.id);
    for (const bar of bars) this.onBar(bar, out, (bar.atMs ?? bar.openTimeMs) < sinceMs || stale);
    return out;
  }

  /** Judges one input; returns the firings it caused. */
  evaluate(input: AlertInput): AlertFiring[] {
    const out: AlertFiring[] = [];
    switch (input.type) {
      case 'bar':
        this.onBar(input, out, false);
        break;
      case 'health':
        this.onHealth(input, out);
        break;
      case 'anomaly':
      case 'signal':
      case 'sentiment':
        this.onSeriesInput(input, out);
        break;
    }
    return out;
  }

  /** Every rule's state (for storage and the alert center). */
  states(nowMs = this.lastAtMs): RuleState[] {
    return this.runtimes.map((r) => r.state(nowMs));
  }

  /** States changed since the last call (what to write back). */
  takeChanged(nowMs = this.lastAtMs): RuleState[] {
    const out: RuleState[] = [];
    for (const r of this.runtimes) {
      if (!r.dirty) continue;
      r.dirty = false;
      out.push(r.state(nowMs));
    }
    return out;
  }

  private matches(rule: AlertRule, key: InstrumentKey, timeframe: TimeframeId, compiledTf: TimeframeId): boolean {
    if (this.options.anySeries === true) return true;
    return compiledTf === timeframe && (rule.instrument === undefined || rule.instrument === key);
  }

  private entry(bar: AlertBar): SeriesEntry | null {
    const id = `${bar.key}|${bar.timeframe}`;
    let entry = this.series.get(id);
    if (entry !== undefined) return entry;
    const rules = this.runtimes.filter(
      (r) =>
        r.compiled.candle !== undefined && this.matches(r.compiled.rule, bar.key, bar.timeframe, r.compiled.timeframe),
    );
    entry = rules.length === 0 ? null : { context: new SeriesContext(needsOf(rules)), rules };
    this.series.set(id, entry);
    return entry;
  }

  /** `silent`: for all rules, or those it names (seeding, replay): arming only, no firing. */
  private onBar(bar: AlertBar, out: AlertFiring[], silent: Silence): void {
    const atMs = bar.atMs ?? bar.openTimeMs;
    if (silent !== true) this.lastAtMs = atMs;
    const entry = this.entry(bar);
    if (entry !== null && entry.context.update(bar)) {
      const place: Place = {
        scope: `${bar.key}|${bar.timeframe}`,
        instrument: bar.key,
        timeframe: bar.timeframe,
        openTimeMs: bar.openTimeMs,
        atMs,
        intrabar: !bar.closed,
      };
      for (const r of entry.rules) {
        if (!bar.closed && r.compiled.trigger === 'once-per-bar') continue;
        const judge = r.compiled.candle;
        if (judge !== undefined) {
          r.settle(place, judge.judge(entry.context), this.options.quietHours, out, quietFor(silent, r));
        }
      }
      entry.context.commit();
    }
    this.onPairBar(bar, atMs, out, silent);
  }

  private onPairBar(bar: AlertBar, atMs: number, out: AlertFiring[], silent: Silence): void {
    for (const r of this.runtimes) {
      const { pairZ, divergence, timeframe } = r.compiled;
      if ((pairZ === undefined && divergence === undefined) || timeframe !== bar.timeframe) continue;
      const rule = r.compiled.rule as { a: InstrumentKey; b: InstrumentKey };
      const side = bar.key === rule.a ? 'a' : bar.key === rule.b ? 'b' : null;
      if (side === null) continue;
      if (!bar.closed && r.compiled.trigger === 'once-per-bar') continue;
      const answer = pairZ !== undefined ? pairZ.onBar(side, bar) : divergence?.onBar(side, bar);
      if (answer === null || answer === undefined) continue;
      const place: Place = {
        scope: `${rule.a}~${rule.b}|${timeframe}`,
        instrument: rule.a,
        other: rule.b,
        timeframe,
        openTimeMs: answer.openTimeMs,
        atMs,
        intrabar: !bar.closed,
      };
      r.settle(place, answer.verdict, this.options.quietHours, out, quietFor(silent, r));
    }
  }

  private onSeriesInput(input: AlertInput & { type: 'anomaly' | 'signal' | 'sentiment' }, out: AlertFiring[]): void {
    const scope = `${input.key}|${input.timeframe}`;
    const closed = input.type === 'sentiment' ? true : (input.closed ?? true);
    const atMs = input.atMs ?? input.openTimeMs;
    this.lastAtMs = atMs;
    let pool: SentimentPool | undefined;
    if (input.type === 'sentiment') {
      pool = this.pools.get(scope);
      if (pool === undefined) {
        pool = new SentimentPool(this.maxSentimentWindow());
        this.pools.set(scope, pool);
      }
      pool.add(input);
    }
    const place: Place = {
      scope,
      instrument: input.key,
      timeframe: input.timeframe,
      openTimeMs: input.openTimeMs,
      atMs,
      intrabar: !closed,
    };
    for (const r of this.runtimes) {
      const rule = r.compiled.rule;
      if (rule.kind !== input.type) continue;
      if (!this.matches(rule, input.key, input.timeframe, r.compiled.timeframe)) continue;
      if (!closed && r.compiled.trigger === 'once-per-bar') continue;
      const verdict =
        rule.kind === 'anomaly' && input.type === 'anomaly'
          ? judgeAnomaly(rule, input)
          : rule.kind === 'signal' && input.type === 'signal'
            ? judgeSignal(rule, input)
            : rule.kind === 'sentiment' && input.type === 'sentiment' && pool !== undefined
              ? judgeSentiment(rule, input, pool)
              : null;
      if (verdict !== null) r.settle(place, verdict, this.options.quietHours, out);
    }
  }

  private maxSentimentWindow(): number {
    let ms = DEFAULT_SENTIMENT_WINDOW_MS;
    for (const r of this.runtimes) {
      const rule = r.compiled.rule;
      if (rule.kind === 'sentiment') ms = Math.max(ms, rule.windowMs ?? DEFAULT_SENTIMENT_WINDOW_MS);
    }
    return ms;
  }

  private onHealth(input: HealthInput, out: AlertFiring[]): void {
    this.lastAtMs = input.timeMs;
    let watch = this.venues.get(input.venue);
    if (watch === undefined) {
      watch = new VenueWatch();
      this.venues.set(input.venue, watch);
    }
    watch.observe(input);
    for (const r of this.runtimes) {
      const rule = r.compiled.rule;
      if (rule.kind !== 'feed-health' || (rule.venue !== undefined && rule.venue !== input.venue)) continue;
      const { verdict, episodeMs } = judgeHealth(rule, input, watch);
      const place: Place = {
        scope: `${input.venue}:${rule.condition}`,
        instrument: null,
        venue: input.venue,
        timeframe: null,
        openTimeMs: episodeMs,
        atMs: input.timeMs,
        intrabar: false,
      };
      r.settle(place, verdict, this.options.quietHours, out);
    }
    watch.settle(input);
  }
}

/** Whether a bar is judged silently: for every rule, or for those the predicate picks. */
type Silence = boolean | ((rule: RuleRuntime) => boolean);

function quietFor(silent: Silence, rule: RuleRuntime): boolean {
  return typeof silent === 'boolean' ? silent : silent(rule);
}

function pairJudges(r: RuleRuntime): {
  pairZ?: RuleRuntime['compiled']['pairZ'];
  divergence?: RuleRuntime['compiled']['divergence'];
} {
  const { pairZ, divergence } = r.compiled;
  return { ...(pairZ !== undefined ? { pairZ } : {}), ...(divergence !== undefined ? { divergence } : {}) };
}

function needsOf(rules: readonly RuleRuntime[]): SeriesNeeds {
  const indicators = new Map<string, string>();
  let trailMs = 0;
  const volumeWindows = new Set<number>();
  const tradeWindows = new Set<number>();
  for (const r of rules) {
    const judge = r.compiled.candle;
    if (judge === undefined) continue;
    for (const [id, spec] of judge.indicators) indicators.set(id, spec);
    trailMs = Math.max(trailMs, judge.trailMs);
    if (judge.volumeWindow !== undefined) volumeWindows.add(judge.volumeWindow);
    if (judge.tradeWindow !== undefined) tradeWindows.add(judge.tradeWindow);
  }
  return { indicators, trailMs, volumeWindows, tradeWindows };
}
