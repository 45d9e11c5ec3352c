import type { ForecastSeries } from '../../../core/models/forecasting/forecast-types';
import { SIGNALS_VERSION } from '../../../core/models/forecasting/signal-desk';
import type { Signal } from '../../../core/models/signals/signal';
import type { BacktestReport } from '../../../core/models/backtest';
import { seriesId } from '../../../core/models/scoring/score-row';
import type { StoredSignal } from '../../../data/forecast-types';
import type { AppStorage } from '../../../data/open-storage';
import {
  putSignalFeedback,
  readSignalFeedback,
  readSignals,
  signalId,
  toStoredSignal,
} from '../../../data/signal-store';
import type { ChartSession } from '../../state/chart-session';
import { judgeStoredSignals } from '../../../data/signal-outcomes';
import {
  similarRecord,
  trackRecordOf,
  verdictRecordOf,
  type VerdictRecord,
  type JudgedTrade,
  type TrackRecord,
} from '../../../core/models/signals/track-record';
import { SignalMarkersOverlay } from './signal-markers';

/** Trades listed in the feed (the newest). */
const LISTED = 5;
/** Newest stored trades the track record is made of (one short range read each). */
const RECORDED = 500;

/**
 * The signal feed of the chart's series: the engine's newest decision (HOLD included, with its
 * reason), the stored BUY/SELL signals drawn on the chart and listed with the user's verdicts, and
 * their track record: each judged by the outcome definition on the stored bars after it, the
 * series' hit rate beside the confidence, and per listed trade the similar earlier ones.
 */
export class SignalFeed {
  latest = $state.raw<Signal | null>(null);
  trades = $state.raw<readonly StoredSignal[]>([]);
  verdicts = $state.raw<Readonly<Record<string, boolean>>>({});
  /** The stored trades' outcomes, by signal id (the newest RECORDED). */
  outcomes = $state.raw<Readonly<Record<string, JudgedTrade>>>({});
  record = $state.raw<TrackRecord | null>(null);
  /** The backtest of the worker's replay of the stored bars (null until it has replayed). */
  backtest = $state.raw<BacktestReport | null>(null);
  /** Stored trades the record covers, oldest first (state: the verdict record is derived from it). */
  private recorded = $state.raw<StoredSignal[]>([]);
  private readonly markers = new SignalMarkersOverlay();
  private series: ForecastSeries | null = null;
  private token = 0;

  constructor(
    private readonly storage: Promise<AppStorage>,
    private readonly chart: ChartSession,
  ) {
    chart.pin(this.markers);
  }

  /** The chart's series changed: its stored signals are read and drawn. */
  async show(series: ForecastSeries | null): Promise<void> {
    this.series = series;
    this.latest = null;
    this.trades = [];
    this.verdicts = {};
    this.outcomes = {};
    this.record = null;
    this.backtest = null;
    this.recorded = [];
    this.markers.setHistory([]);
    if (series === null) return;
    await this.load(series, ++this.token);
  }

  /**
   * The worker replayed the series' stored bars: the `added` trades it stored join the feed, and
   * the replay's backtest is shown.
   */
  async replayed(series: ForecastSeries, added: number, backtest: BacktestReport | null): Promise<void> {
    if (this.series === null || seriesId(series) !== seriesId(this.series)) return;
    this.backtest = backtest;
    if (added > 0) await this.load(this.series, ++this.token);
  }

  /** Reads the series' stored trades, their verdicts and outcomes (the newest decision is kept). */
  private async load(series: ForecastSeries, token: number): Promise<void> {
    const { db } = await this.storage;
    const stored = await readSignals(db, series, SIGNALS_VERSION);
    const recorded = stored.slice(-RECORDED);
    const verdicts = await readSignalFeedback(db, recorded.map(signalId));
    if (token !== this.token) return;
    this.markers.setHistory(stored);
    this.trades = stored.slice(-LISTED).reverse();
    this.verdicts = Object.fromEntries([...verdicts].map(([id, f]) => [id, f.useful]));
    this.chart.overlaysChanged();
    this.recorded = recorded;
    this.outcomes = {};
    await this.judge(this.recorded, token);
  }

  /** How the trades the user rated did: their verdicts beside the outcomes. */
  get verdictRecord(): VerdictRecord {
    return verdictRecordOf(
      this.recorded.flatMap((t) => {
        const id = signalId(t);
        const useful = this.verdicts[id];
        return useful === undefined ? [] : [{ useful, outcome: this.outcomes[id]?.outcome ?? null }];
      }),
    );
  }

  /** The record of the trades like `trade` known when it was issued. */
  similar(trade: StoredSignal): TrackRecord | null {
    if (this.record === null || trade.action === 'HOLD') return null;
    return similarRecord({ ...trade, action: trade.action }, Object.values(this.outcomes));
  }

  /** A decision from the worker (a BUY/SELL is already stored there). */
  receive(series: ForecastSeries, signal: Signal): void {
    if (this.series === null || seriesId(series) !== seriesId(this.series)) return;
    if (this.latest !== null && signal.openTimeMs < this.latest.openTimeMs) return;
    this.latest = signal;
    // A closed bar: the open trades may have reached a level or their horizon.
    void this.judge(
      this.recorded.filter((t) => this.outcomes[signalId(t)]?.outcome === null),
      this.token,
    );
    if (signal.action === 'HOLD') return;
    const row = toStoredSignal(series, signal, Date.now());
    this.trades = [row, ...this.trades.filter((t) => t.openTimeMs !== row.openTimeMs)].slice(0, LISTED);
    this.markers.apply([signal]);
    this.chart.overlaysChanged();
    this.recorded = [...this.recorded.filter((t) => t.openTimeMs !== row.openTimeMs), row].slice(-RECORDED);
    void this.judge([row], this.token);
  }

  /** Judges `trades` on the stored bars after them and updates the record. */
  private async judge(trades: readonly StoredSignal[], token: number): Promise<void> {
    if (trades.length === 0 && this.record !== null) return;
    const { db } = await this.storage;
    const judged = await judgeStoredSignals(db, trades);
    if (token !== this.token) return;
    const outcomes = { ...this.outcomes };
    // A plain map: built and dropped within the call, never read reactively.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const byTime = new Map(judged.map((j) => [j.openTimeMs, j]));
    for (const t of trades) {
      const j = byTime.get(t.openTimeMs);
      if (j !== undefined) outcomes[signalId(t)] = j;
    }
    this.outcomes = outcomes;
    this.record = trackRecordOf(Object.values(outcomes));
  }

  /** Stores the user's verdict on a trade. */
  async rate(trade: StoredSignal, useful: boolean): Promise<void> {
    const id = signalId(trade);
    const { db } = await this.storage;
    await putSignalFeedback(db, { signalId: id, useful, atMs: Date.now() });
    this.verdicts = { ...this.verdicts, [id]: useful };
  }
}
