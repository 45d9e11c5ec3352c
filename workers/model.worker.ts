/// <reference lib="webworker" />
import { expose, type Remote } from 'comlink';
import type { CandleUpdate } from '../src/core/candles/candle';
import {
  AnomalyService,
  type AnomalyScope,
  type LearnedRuntime,
  type ModelStatus,
  SCORES_VERSION,
  type ScoreRow,
} from '../src/core/models/scoring';
import { putAnomalyScores, lastScoredBar } from '../src/data/anomaly-score-store';
import { CandleReader } from '../src/data/candle-store';
import type { TapewatchDb } from '../src/data/db';
import { openStorage } from '../src/data/open-storage';
import { toStoredScores } from '../src/data/anomaly-rows';
import { ForecastService } from '../src/core/models/forecasting/forecast-service';
import {
  REGIMES_VERSION,
  type ForecastRun,
  type ForecastSeries,
  type ForecastStatus,
  type RegimeUpdate,
} from '../src/core/models/forecasting/forecast-types';
import { putForecasts } from '../src/data/forecast-store';
import { toStoredForecasts } from '../src/data/forecast-rows';
import type { SentimentPoint } from '../src/core/models/forecasting/signal-desk';
import type { Signal } from '../src/core/models/signals/signal';
import type { BacktestReport } from '../src/core/models/backtest';
import { addReplayedSignals, putSignals, toStoredSignal } from '../src/data/signal-store';
import { dexieNetworkWeights } from './model/network-weights-port';
import { putRegimes } from '../src/data/regime-store';
import { toStoredRegimes } from '../src/data/regime-rows';

/** The model kinds this worker runs; forecasts join as another kind with the same verbs. */
export type ModelKind = 'anomaly' | 'forecast';

/** What the worker sends the page: scores of bars (closed and forming), and the status. */
export interface ModelMessage {
  readonly rows?: readonly ScoreRow[];
  readonly status?: ModelStatus;
  /** The newest forecasts of the chart's series, after each closed bar. */
  readonly forecast?: ForecastRun;
  readonly forecastStatus?: ForecastStatus;
  /** The decision layer's signal at each closed bar of the forecast series (HOLD included, not stored). */
  readonly signal?: { readonly series: ForecastSeries; readonly signal: Signal };
  /** Filtered regime probabilities of the forecast series' closed bars. */
  readonly regimes?: RegimeUpdate;
  /**
   * The decision layer replayed a series' stored bars: `added` new trades were stored, and the
   * replay's backtest (null without bars).
   */
  readonly signalsReplayed?: {
    readonly series: ForecastSeries;
    readonly added: number;
    readonly backtest: BacktestReport | null;
  };
}

type Listener = Remote<(message: ModelMessage) => void> | ((message: ModelMessage) => void);

/** Status goes to the page at most this often (training progress, inference times). */
const STATUS_EVERY_MS = 250;

let chooseStorage: (memoryOnly: boolean) => void = () => undefined;
const memoryOnlyChoice = new Promise<boolean>((resolve) => (chooseStorage = resolve));
let service: Promise<AnomalyService> | null = null;
let forecasts: Promise<ForecastService> | null = null;
let listener: Listener | null = null;

/** TF.js and the autoencoder load on first use, in a chunk of their own. */
function lazyRuntime(db: TapewatchDb): LearnedRuntime {
  let runtime: Promise<LearnedRuntime> | null = null;
  const load = () =>
    (runtime ??= import('./model/learned-runtime').then(({ browserLearnedRuntime }) => browserLearnedRuntime(db)));
  return {
    ready: async () => (await load()).ready(),
    load: async (series) => (await load()).load(series),
    train: async (series, bars, onProgress, cancelled) => (await load()).train(series, bars, onProgress, cancelled),
  };
}

function statusSender(): (status: ModelStatus) => void {
  return throttled((status) => ({ status }));
}

function throttled<T>(message: (latest: T) => ModelMessage): (next: T) => void {
  let latest: T | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  return (next) => {
    latest = next;
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      if (latest !== null) void listener?.(message(latest));
    }, STATUS_EVERY_MS);
  };
}

let backend: Promise<unknown> | null = null;
/** The TF.js backend the forecast network runs on, once started (stored beside its weights). */
let backendName = 'not started';
function forecastBackend(): Promise<unknown> {
  return (backend ??= import('./model/tf-backend')
    .then(({ setUpBackend }) => setUpBackend())
    .then((b) => (backendName = b.backend)));
}

function forecastService(): Promise<ForecastService> {
  return (forecasts ??= memoryOnlyChoice.then(async (memoryOnly) => {
    const { db } = await openStorage({ memoryOnly });
    const reader = new CandleReader(db);
    return new ForecastService(
      {
        latestBars: (s, limit) => reader.latest(s, limit),
        putRuns: (runs) =>
          putForecasts(
            db,
            runs.flatMap((r) => toStoredForecasts(r, Date.now())),
          ),
        now: () => performance.now(),
        yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0)),
        // The tapewatch network needs a TF.js backend (wasm, else cpu), loaded with its chunk on first use.
        prepare: async (model) => {
          if (model === 'tapewatch') await forecastBackend();
        },
        networkWeights: (series) => dexieNetworkWeights(db, series, () => backendName),
        replayed: async (series, { trades, backtest }) => {
          const madeAtMs = Date.now();
          const added = await addReplayedSignals(
            db,
            trades.map((t) => toStoredSignal(series, t, madeAtMs)),
          ).catch(() => 0);
          void listener?.({ signalsReplayed: { series, added, backtest } });
        },
      },
      (forecast) => void listener?.({ forecast }),
      throttled((forecastStatus: ForecastStatus) => ({ forecastStatus })),
      undefined,
      undefined,
      (signal, series) => {
        // Only trades are kept: a HOLD is the engine's state, shown but not a signal to review.
        const stored =
          signal.action === 'HOLD' ? Promise.resolve() : putSignals(db, [toStoredSignal(series, signal, Date.now())]);
        void stored.then(() => listener?.({ signal: { series, signal } }));
      },
      (regimes) => {
        // Sent at once (a fit's reset holds every bar of the history); stored beside it, so a
        // reload and offline review shade the bars before the next fit.
        void listener?.({ regimes });
        void putRegimes(db, toStoredRegimes(regimes, Date.now(), REGIMES_VERSION));
      },
    );
  }));
}

function anomalyService(): Promise<AnomalyService> {
  return (service ??= memoryOnlyChoice.then(async (memoryOnly) => {
    const { db } = await openStorage({ memoryOnly });
    const reader = new CandleReader(db);
    return new AnomalyService(
      {
        latestBars: (s, limit) => reader.latest(s, limit),
        lastScored: (s) => lastScoredBar(db, s, SCORES_VERSION),
        putScores: (rows) => putAnomalyScores(db, toStoredScores(rows, Date.now())),
        now: () => performance.now(),
        wallMs: () => Date.now(),
        learned: lazyRuntime(db),
      },
      (rows) => void listener?.({ rows }),
      statusSender(),
    );
  }));
}

const api = {
  /** The page's storage mode (a page without IndexedDB keeps nothing here either). */
  useStorage(memoryOnly: boolean) {
    chooseStorage(memoryOnly);
  },
  /** Where scores and status go (a comlink proxy of the page's callback). */
  listen(next: Listener) {
    listener = next;
  },
  /** What to score: the chart's series and the watch list's, on the chart's timeframe. */
  async setScope(scope: AnomalyScope) {
    await (await anomalyService()).setScope(scope);
  },
  /** One coalesced batch of the feed's bar updates (add: closed, replace: forming). */
  async bars(updates: readonly CandleUpdate[]) {
    (await anomalyService()).apply(updates);
  },
  /** Retrains a model kind now (the status panel's button). */
  async train(kind: ModelKind) {
    if (kind === 'anomaly') await (await anomalyService()).retrain();
  },
  /** Stops a training run of a kind (discarded; the previous model keeps scoring). */
  async cancel(kind: ModelKind) {
    if (kind === 'anomaly') (await anomalyService()).cancelTraining();
  },
  /** The series forecast (the chart's), or null for none. */
  async setForecastScope(series: ForecastSeries | null) {
    await (await forecastService()).setScope(series);
  },
  /** The news sentiment per bar of a forecast series, an input of its signals. */
  async forecastSentiment(series: ForecastSeries, points: readonly SentimentPoint[]) {
    (await forecastService()).setSentiment(series, points);
  },
  /** The feed's bar updates for the forecasts (closed bars of the series in scope are used). */
  async forecastBars(updates: readonly CandleUpdate[]) {
    (await forecastService()).apply(updates);
  },
  async forecastStatus(): Promise<ForecastStatus> {
    return (await forecastService()).status();
  },
  async status(): Promise<ModelStatus> {
    return (await anomalyService()).status();
  },
};

export type ModelWorkerApi = typeof api;

expose(api);
