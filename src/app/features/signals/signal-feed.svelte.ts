import type { ForecastSeries } from '../../../core/models/forecasting/forecast-types';
import { SIGNALS_VERSION } from '../../../core/models/forecasting/signal-desk';
import type { Signal } from '../../../core/models/signals/signal';
import { seriesId } from '../../../core/models/scoring/score-row';
import type { StoredSignal } from '../../../data/forecast-types';
import type { AppStorage } from '../../../data/open-storage';
import { putSignalFeedback, readSignalFeedback, readSignals, signalId } from '../../../data/signal-store';
import type { ChartSession } from '../../state/chart-session';
import { SignalMarkersOverlay } from './signal-markers';

/** Trades listed in the feed (the newest). */
const LISTED = 5;

/**
 * The signal feed of the chart's series: the engine's newest decision (HOLD included, with its
 * reason), the stored BUY/SELL signals drawn on the chart and listed with the user's verdicts.
 */
export class SignalFeed {
  latest = $state.raw<Signal | null>(null);
  trades = $state.raw<readonly StoredSignal[]>([]);
  verdicts = $state.raw<Readonly<Record<string, boolean>>>({});
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
    this.markers.setHistory([]);
    if (series === null) return;
    const token = ++this.token;
    const { db } = await this.storage;
    const stored = await readSignals(db, series, SIGNALS_VERSION);
    const verdicts = await readSignalFeedback(db, stored.slice(-LISTED).map(signalId));
    if (token !== this.token) return;
    this.markers.setHistory(stored);
    this.trades = stored.slice(-LISTED).reverse();
    this.verdicts = Object.fromEntries([...verdicts].map(([id, f]) => [id, f.useful]));
    this.chart.overlaysChanged();
  }

  /** A decision from the worker (a BUY/SELL is already stored there). */
  receive(series: ForecastSeries, signal: Signal): void {
    if (this.series === null || seriesId(series) !== seriesId(this.series)) return;
    if (this.latest !== null && signal.openTimeMs < this.latest.openTimeMs) return;
    this.latest = signal;
    if (signal.action === 'HOLD') return;
    const row: StoredSignal = {
      ...series,
      ...signal,
      evidence: [...signal.evidence],
      model: SIGNALS_VERSION,
      madeAtMs: Date.now(),
    };
    this.trades = [row, ...this.trades.filter((t) => t.openTimeMs !== row.openTimeMs)].slice(0, LISTED);
    this.markers.apply([signal]);
    this.chart.overlaysChanged();
  }

  /** Stores the user's verdict on a trade. */
  async rate(trade: StoredSignal, useful: boolean): Promise<void> {
    const id = signalId(trade);
    const { db } = await this.storage;
    await putSignalFeedback(db, { signalId: id, useful, atMs: Date.now() });
    this.verdicts = { ...this.verdicts, [id]: useful };
  }
}
