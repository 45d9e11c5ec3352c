import type { ForecastBar, ForecastStep } from '../forecast/forecaster';
import { fitRegimeModelSteps, createRegimeFilter, type RegimeFilter } from '../regimes/regime-filter';
import { createSignalEngine, type SignalEngine } from '../signals/signal-engine';
import type { RegimeState, Signal } from '../signals/signal';
import { regimeNames } from '../regimes/regime-shade';
import type { SignalInputs } from '../signals/signal-inputs';
import { runBacktest, type BacktestReport } from '../backtest';

/** The decision layer's version in stored signals (bump when the engine or its inputs change). */
export const SIGNALS_VERSION = 'signals-v1';

/** Longest stretch of the regime fit or the replay between two pauses, ms. */
export const DESK_SLICE_MS = 25;
/** One bar's news sentiment: the mean score (−1 … 1) of the articles published within it. */
export interface SentimentPoint {
  readonly openTimeMs: number;
  readonly score: number;
}

/** Replayed bars between two looks at the clock. */
const REPLAY_CHUNK = 64;

/** What replaying the stored bars gave: the last decision, each bar's regime and the trades issued. */
export interface DeskReplay {
  readonly last: Signal | null;
  readonly regimes: RegimeState[];
  /** The BUY/SELL decisions of the replay, oldest first (made without a forecast input). */
  readonly trades: Signal[];
  /** Every replayed decision backtested on the same bars, with `REPLAY_COSTS` (null: no bars). */
  readonly backtest: BacktestReport | null;
}

/** The `backtest` command's default costs, used for the replay's backtest on the desk. */
export const REPLAY_COSTS = { feeBps: 10, slippageBps: 2 } as const;

/** How `start` lets other work run: a clock and a pause (a macrotask in the worker). */
export interface DeskPacing {
  now(): number;
  yieldNow(): Promise<void>;
  /** True once the result is no longer wanted (the chart moved on): the start stops at its next pause. */
  cancelled?(): boolean;
}

/** Thrown out of a cancelled start's pause. */
class Cancelled extends Error {}

/** A pause whenever `sliceMs` have passed since the last one (null: carry on). */
function slicer(pacing: DeskPacing, sliceMs: number): () => Promise<void> | null {
  let since = pacing.now();
  return () => {
    if (pacing.now() - since < sliceMs) return null;
    return pacing.yieldNow().then(() => {
      if (pacing.cancelled?.() === true) throw new Cancelled('cancelled');
      since = pacing.now();
    });
  };
}

/**
 * The decision layer of the chart's series: the regime HMM is fitted on the stored bars and
 * filtered online; the signal engine is replayed over those bars (so its calibration has judged
 * trades before the first live bar), then decides at each closed bar with the best model's
 * next-bar forecast and the bar's news sentiment (when it had news) as inputs. A regime fit that fails (too little or flat history) leaves the
 * rule-based inputs to carry on.
 */
export class SignalDesk {
  private readonly engine: SignalEngine = createSignalEngine();
  private regime: RegimeFilter | null = null;
  private meanReturns: number[] = [];
  /** State names by volatility (empty while no regime model is fitted). */
  names: readonly string[] = [];
  /** The filtered regime after the last bar decided on (null in the warm-up or without a model). */
  regimeState: RegimeState | null = null;
  /** News sentiment by bar open time: known at the bar's close, so an input of that bar's decision. */
  private readonly sentiment = new Map<number, number>();

  /** The series' news sentiment per bar (bars without news are absent, not neutral). */
  setSentiment(points: readonly SentimentPoint[]): void {
    this.sentiment.clear();
    for (const p of points) if (Number.isFinite(p.score)) this.sentiment.set(p.openTimeMs, p.score);
  }

  /**
   * Fits the regime model on `history` and replays the engine over it: the last decision and the
   * filtered regime of every bar past the feature warm-up (each from the bars up to it only).
   * Both run in slices of about `DESK_SLICE_MS` with a pause between them, so the worker keeps
   * forecasting and scoring meanwhile (the EM fit pauses between iterations).
   */
  async start(
    history: readonly ForecastBar[],
    pacing: DeskPacing,
    sliceMs = DESK_SLICE_MS,
  ): Promise<DeskReplay | null> {
    try {
      return await this.run(history, slicer(pacing, sliceMs));
    } catch (error) {
      if (error instanceof Cancelled) return null;
      throw error;
    }
  }

  private async run(history: readonly ForecastBar[], pause: () => Promise<void> | null): Promise<DeskReplay> {
    try {
      const steps = fitRegimeModelSteps(history, { states: 2, seed: 1, starts: 3 });
      let step = steps.next();
      while (step.done !== true) {
        await pause();
        step = steps.next();
      }
      const { model } = step.value;
      this.regime = createRegimeFilter(model);
      this.meanReturns = model.hmm.means.map((m) => m[0] as number);
      this.names = regimeNames(model.hmm);
    } catch (error) {
      if (error instanceof Cancelled) throw error;
      // Too little or flat history: the rule-based inputs carry on without a regime.
      this.regime = null;
      this.names = [];
    }
    let last: Signal | null = null;
    const regimes: RegimeState[] = [];
    const trades: Signal[] = [];
    const decisions: Signal[] = [];
    for (const [i, bar] of history.entries()) {
      last = this.next(bar, null);
      decisions.push(last);
      if (last.action !== 'HOLD') trades.push(last);
      if (this.regimeState !== null) regimes.push(this.regimeState);
      if (i % REPLAY_CHUNK === REPLAY_CHUNK - 1) await pause();
    }
    await pause();
    const backtest = history.length === 0 ? null : runBacktest(history, decisions, REPLAY_COSTS);
    return { last, regimes, trades, backtest };
  }

  /** The decision at `bar`'s close; `forecast` was made with data up to that close. */
  next(bar: ForecastBar, forecast: { model: string; step: ForecastStep } | null): Signal {
    const inputs: {
      regime?: SignalInputs['regime'];
      forecast?: SignalInputs['forecast'];
      sentiment?: SignalInputs['sentiment'];
    } = {};
    const state = this.regime?.observe(bar) ?? null;
    this.regimeState = state;
    if (state !== null) inputs.regime = { state, meanReturns: this.meanReturns };
    if (forecast !== null && Number.isFinite(forecast.step.pUp)) inputs.forecast = forecast;
    const sentiment = this.sentiment.get(bar.openTimeMs);
    if (sentiment !== undefined) inputs.sentiment = sentiment;
    return this.engine.observe(bar, inputs);
  }

  /** Judged past trades the confidence is calibrated on. */
  get judged(): number {
    return this.engine.judged;
  }
}
