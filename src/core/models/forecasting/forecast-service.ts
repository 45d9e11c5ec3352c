import type { Candle, CandleUpdate } from '../../candles/candle';
import type { ForecastBar, ForecastStep, Forecaster } from '../forecast/forecaster';
import { createForecasters } from '../forecast/create-forecasters';
import {
  FORECAST_HORIZON,
  FORECASTS_VERSION,
  type ForecastPhase,
  type ForecastRun,
  type ForecastSeries,
  type ForecastStatus,
  type RegimeUpdate,
} from './forecast-types';
import { GuardedModel } from './guarded-model';
import { RollingScore } from './rolling-score';
import { SinceFit, type RefitPolicy } from './refit-policy';
import {
  detailOf,
  fitNote,
  fittedThrough,
  liveMessage,
  meanAbsChange,
  newLive,
  push,
  sameSeries,
  withNetwork,
  type Live,
  type ModelFactory,
} from './forecast-live';
import { refitModel, refitsDue } from './model-refits';

export { toForecastBar } from './forecast-live';
import { SignalDesk, type DeskReplay, type SentimentPoint } from './signal-desk';
import type { Signal } from '../signals/signal';
import type { NetworkWeights } from '../forecast/tapewatch/network-weights';

export interface ForecastPorts {
  /** The newest `limit` stored bars of a series, oldest first. */
  latestBars(series: ForecastSeries, limit: number): Promise<Candle[]>;
  /** Stores runs (every model's steps). */
  putRuns(runs: readonly ForecastRun[]): Promise<void>;
  /** A monotonic clock for timing, ms. */
  now(): number;
  /** Lets other work run between warm-up chunks. */
  yieldNow(): Promise<void>;
  /**
   * Readies what a model needs before its fit is timed (the tapewatch network: a TF.js backend,
   * which may take seconds to start). A failure here shows as the model's own fit failure.
   */
  prepare?(model: string): Promise<void>;
  /**
   * What replaying the stored bars gave: the trades the decision layer issued, kept beside the
   * live ones (a bar that already has a stored signal keeps it), and their backtest.
   */
  replayed?(series: ForecastSeries, replay: Pick<DeskReplay, 'trades' | 'backtest'>): Promise<void>;
  /** Where a series' tapewatch network is stored and looked for (none: trained at every fit). */
  networkWeights?(series: ForecastSeries): NetworkWeights;
}

export interface ForecastSchedule {
  /** Closed bars needed before fitting. */
  readonly minBars: number;
  /** Most stored bars read when a series enters the scope. */
  readonly historyBars: number;
  /** Newest stored bars walked forward out of sample after fitting (scored, not fitted on). */
  readonly scoredBars: number;
  /** When a live model is fitted again on the newest bars (default `DEFAULT_REFIT`). */
  readonly refit?: RefitPolicy;
}

export const DEFAULT_FORECAST_SCHEDULE: ForecastSchedule = { minBars: 120, historyBars: 1_500, scoredBars: 200 };

/**
 * Side by side on the desk, persistence first (the baseline). The tapewatch network's fit on the
 * desk's history (1,300 bars) took 0.6–1.1 s on wasm and 2.1–2.7 s on cpu in Node, far inside the
 * guard's 20 s budget (README, "Forecasts on the desk").
 */
export const LIVE_MODELS = ['persistence', 'arima', 'tapewatch'] as const;
/** Fixes every random choice (the tapewatch network's initial weights). */
const SEED = 1;

/**
 * The model worker's forecasting of the chart's series: reads stored history, fits the models
 * on all but the newest bars, walks those forward out of sample (so the panel's comparison is
 * real from the start), then after each closed bar scores the last forecast, shows the bar to
 * every model and forecasts the next `FORECAST_HORIZON` bars. A model that fails is switched off
 * with its reason; persistence, the baseline, keeps going.
 */
export class ForecastService {
  private live: Live | null = null;
  private phase: ForecastPhase = 'idle';
  private message = 'No series on the chart yet';
  private progress: number | null = null;
  private readonly factories: ModelFactory[];

  constructor(
    private readonly ports: ForecastPorts,
    private readonly emit: (run: ForecastRun) => void,
    private readonly onStatus: (status: ForecastStatus) => void,
    private readonly schedule: ForecastSchedule = DEFAULT_FORECAST_SCHEDULE,
    factories?: ModelFactory[],
    /** The decision layer's signal after each closed bar once fitted (HOLD included). */
    private readonly onSignal: (signal: Signal, series: ForecastSeries) => void = () => {},
    /** Filtered regime probabilities: the fitted history's at once, then each closed bar's. */
    private readonly onRegimes: (update: RegimeUpdate) => void = () => {},
  ) {
    // The same models as the `forecast` command, under the same guard (fit budget, NaN, per bar).
    this.factories =
      factories ??
      LIVE_MODELS.map(
        (name) =>
          (series, refit = false) =>
            new GuardedModel(
              createForecasters([name], SEED, withNetwork(ports.networkWeights?.(series), refit))[0] as Forecaster,
              ports.now,
            ),
      );
  }

  private sentiment: { series: ForecastSeries; points: readonly SentimentPoint[] } | null = null;

  private deskFor(series: ForecastSeries): SignalDesk {
    const desk = new SignalDesk();
    if (this.sentiment !== null && sameSeries(series, this.sentiment.series)) desk.setSentiment(this.sentiment.points);
    return desk;
  }

  /**
   * The news sentiment of `series` per bar, for the decision layer (the page rebuilds it as
   * articles arrive). Kept for the series, so a desk started later gets it too.
   */
  setSentiment(series: ForecastSeries, points: readonly SentimentPoint[]): void {
    this.sentiment = { series, points };
    if (this.live !== null && sameSeries(series, this.live.series)) this.live.desk.setSentiment(points);
  }

  async setScope(series: ForecastSeries | null): Promise<void> {
    if (series !== null && this.live !== null && sameSeries(series, this.live.series)) return;
    for (const m of this.live?.models ?? []) m.dispose();
    this.live = null;
    if (series === null) return this.report('idle', 'No series on the chart yet', null);
    const live = newLive(
      series,
      this.factories.map((f) => f(series)),
      this.deskFor(series),
    );
    this.live = live;
    this.report('fitting', 'Reading stored bars', 0);
    const stored = await this.ports.latestBars(series, this.schedule.historyBars);
    if (this.live !== live) return;
    for (const c of stored) if (c.closed) push(live, c);
    await this.fitIfReady(live);
    live.busy = false;
    this.drain(live);
  }

  /** The feed's bar updates: closed bars of the series in scope are forecast from. */
  apply(updates: readonly CandleUpdate[]): void {
    const live = this.live;
    if (live === null) return;
    for (const u of updates) {
      const c = u.candle;
      if (u.kind === 'add' && c.closed && sameSeries(c, live.series)) live.queued.push(c);
    }
    this.drain(live);
  }

  status(): ForecastStatus {
    const live = this.live;
    return {
      version: FORECASTS_VERSION,
      series: live?.series ?? null,
      phase: this.phase,
      message: this.message,
      progress: this.progress,
      fittedBars: live?.fittedBars ?? 0,
      models: (live?.models ?? []).map((m) => ({
        name: m.name,
        state: m.state,
        reason: m.reason,
        detail: detailOf(m.forecaster),
        fit: fitNote(m.forecaster, live?.refitNotes.get(m.name)),
        perBarMs: m.perBarMs,
        score: live?.scores.get(m.name)?.score() ?? new RollingScore(m.name === 'persistence', 0).score(),
      })),
    };
  }

  private drain(live: Live): void {
    if (live.busy || live.queued.length === 0) return;
    live.busy = true;
    void (async () => {
      while (this.live === live && live.queued.length > 0) {
        const c = live.queued.shift() as Candle;
        if (c.openTimeMs <= live.lastTimeMs) continue;
        push(live, c);
        if (!live.fitted) await this.fitIfReady(live);
        else {
          const bar = live.bars[live.bars.length - 1] as ForecastBar;
          const run = this.step(live, bar);
          await this.ports.putRuns([run]);
          const forecast = this.bestForecast(live, run);
          if (live.deskReady) this.decide(live, bar, forecast);
          else live.deskPending.push({ bar, forecast });
          this.refitDue(live);
        }
        if (live.fitted) this.report('live', liveMessage(live), null);
      }
      live.busy = false;
    })();
  }

  private async fitIfReady(live: Live): Promise<void> {
    const { minBars, scoredBars } = this.schedule;
    const have = live.bars.length;
    if (have < minBars)
      return this.report('waiting', `Needs ${minBars} closed bars to fit, has ${have}`, have / minBars);
    const walk = Math.min(scoredBars, Math.floor(have / 3));
    const history = live.bars.slice(0, have - walk);
    const scale = meanAbsChange(history);
    for (const [i, m] of live.models.entries()) {
      this.report('fitting', `Fitting ${m.name} on ${history.length} bars`, i / (live.models.length + 1));
      await this.ports.yieldNow();
      if (this.live !== live) return;
      await this.ports.prepare?.(m.name).catch(() => undefined);
      if (this.live !== live) return;
      await m.fit(history);
      live.scores.set(m.name, new RollingScore(m.name === 'persistence', scale));
      live.sinceFit.set(m.name, new SinceFit(m.name === 'persistence', scale, this.schedule.refit));
    }
    live.fitted = true;
    live.fittedBars = history.length;
    const runs: ForecastRun[] = [this.step(live, null)];
    for (let i = have - walk; i < have; i++) {
      runs.push(this.step(live, live.bars[i] as ForecastBar));
      if ((i - have + walk) % 20 === 19) {
        this.report(
          'scoring',
          `Scoring out of sample: ${i - have + walk + 1} of ${walk} bars`,
          0.5 + (0.5 * (i - have + walk)) / walk,
        );
        await this.ports.yieldNow();
        if (this.live !== live) return;
      }
    }
    await this.ports.putRuns(runs);
    if (this.live !== live) return;
    // The regime fit and replay take up to seconds: they run in slices beside the forecasts.
    void this.startDesk(live, live.bars.slice());
    this.report('live', liveMessage(live), null);
  }

  /** Fits the regimes and replays the signals on `history`, then decides the bars that waited. */
  private async startDesk(live: Live, history: readonly ForecastBar[]): Promise<void> {
    const started = await live.desk.start(history, {
      now: () => this.ports.now(),
      yieldNow: () => this.ports.yieldNow(),
      cancelled: () => this.live !== live,
    });
    if (started === null || this.live !== live) return;
    const { last, regimes, trades, backtest } = started;
    // Storage that fails loses the replayed trades, never the live desk.
    await this.ports.replayed?.(live.series, { trades, backtest }).catch(() => undefined);
    if (this.live !== live) return;
    if (last !== null) this.onSignal(last, live.series);
    this.onRegimes({ ...live.series, names: live.desk.names, rows: regimes, reset: true });
    for (const p of live.deskPending.splice(0)) this.decide(live, p.bar, p.forecast);
    live.deskReady = true;
    this.report('live', liveMessage(live), null);
  }

  /** The decision layer's signal and regime at `bar`'s close. */
  private decide(live: Live, bar: ForecastBar, forecast: { model: string; step: ForecastStep } | null): void {
    this.onSignal(live.desk.next(bar, forecast), live.series);
    const regime = live.desk.regimeState;
    if (regime !== null) this.onRegimes({ ...live.series, names: live.desk.names, rows: [regime], reset: false });
  }

  /** The next-bar step of the model the panel shows: the best one better than persistence, else persistence. */
  private bestForecast(live: Live, run: ForecastRun): { model: string; step: ForecastStep } | null {
    let best = 'persistence';
    let bestMase = Infinity;
    for (const [name, score] of live.scores) {
      const s = score.score();
      if (s.verdict === 'better' && s.mase !== null && s.mase < bestMase) [best, bestMase] = [name, s.mase];
    }
    const steps = run.models.find((m) => m.name === best)?.steps;
    return steps?.[0] === undefined ? null : { model: best, step: steps[0] };
  }

  /** Scores the last one-bar forecasts against `bar`, shows it to the models, forecasts again. */
  private step(live: Live, bar: ForecastBar | null): ForecastRun {
    if (bar !== null) {
      const baseline = live.pending.get('persistence');
      for (const [name, f] of live.pending) {
        // A bar the model's parameters were fitted on (a reused network's) is not out of sample.
        const through = fittedThrough(live.models.find((m) => m.name === name)?.forecaster);
        if (baseline !== undefined && bar.openTimeMs > through)
          live.scores.get(name)?.add(f, bar.close, baseline.close);
      }
      for (const [name, since] of live.sinceFit) {
        const f = live.pending.get(name);
        since.add(f ?? null, bar.close, baseline?.close ?? bar.close);
      }
    }
    live.pending = new Map();
    const models: { name: string; steps: ForecastStep[] }[] = [];
    for (const m of live.models) {
      const steps = m.step(bar, FORECAST_HORIZON);
      if (steps === null) continue;
      models.push({ name: m.name, steps });
      live.pending.set(m.name, steps[0] as ForecastStep);
    }
    const origin = bar?.openTimeMs ?? (live.bars[live.fittedBars - 1] as ForecastBar).openTimeMs;
    const run: ForecastRun = { ...live.series, originTimeMs: origin, version: FORECASTS_VERSION, models };
    this.emit(run);
    return run;
  }

  /** Starts a background refit of every model that is due and not already being refitted. */
  private refitDue(live: Live): void {
    for (const { index, reason } of refitsDue(live)) {
      void refitModel(live, index, reason, {
        factory: this.factories[index] as ModelFactory,
        historyBars: this.schedule.historyBars,
        policy: this.schedule.refit,
        prepare: (name) => this.ports.prepare?.(name) ?? Promise.resolve(),
        current: () => this.live === live,
        changed: () => this.onStatus(this.status()),
      });
    }
  }

  private report(phase: ForecastPhase, message: string, progress: number | null): void {
    this.phase = phase;
    this.message = message;
    this.progress = progress;
    this.onStatus(this.status());
  }
}
