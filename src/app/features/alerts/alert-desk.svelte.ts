import type { AlertFiring, AlertRule } from '../../../core/alerts';
import { firingTarget, type AlertTarget } from '../../../core/alerts/channels/alert-target';
import { isTimeframe, type TimeframeId } from '../../../core/candles/timeframe';
import type { CandleChart } from '../chart/candle-chart';
import { readChartPalette } from '../chart/chart-palette';
import { ChartAlerts } from './chart-alerts';
import { emptyDraft, type RuleDraft } from './empty-draft';

/** How long a landing waits for the chart to load the bar it names. */
const FOCUS_WAIT_MS = 15_000;

export interface DeskControls {
  /** Selects an instrument of the watch list; false when it is not on it. */
  select(instrument: string): boolean;
  timeframe(tf: TimeframeId): void;
}

/** A price menu opened by a right-click or long-press on the chart. */
export interface PriceMenu {
  readonly x: number;
  readonly y: number;
  readonly price: string;
  readonly above: boolean;
}

/**
 * The alert layer of the desk: lands on a firing's bar (a notification click, a toast, the alert
 * center), draws price rules on the chart, and turns a right-click into a price rule draft.
 */
export class AlertDesk {
  /** The firing bar on screen after a landing (shown in a banner), or null. */
  focus = $state.raw<{ target: AlertTarget; inView: boolean; problem: string | null } | null>(null);
  menu = $state.raw<PriceMenu | null>(null);
  private layer: ChartAlerts | null = null;
  private chart: CandleChart | null = null;
  private landing = 0;

  constructor(private readonly controls: DeskControls) {}

  attach(chart: CandleChart): void {
    this.chart = chart;
    this.layer = new ChartAlerts(chart);
  }

  /** Price lines for the instrument on screen; called when rules or the instrument change. */
  drawRules(rules: readonly AlertRule[], instrument: string): void {
    this.layer?.showRules(rules, instrument, readChartPalette().gap);
  }

  /** Marks the bars that fired on the instrument and timeframe on screen. */
  drawFirings(firings: readonly AlertFiring[], instrument: string, timeframe: string): void {
    this.chart?.setAlertMarkers(
      firings
        .filter((f) => f.instrument === instrument && f.timeframe === timeframe)
        .slice(0, 200)
        .map((f) => ({ timeMs: f.openTimeMs, text: `alert ${f.ruleId}`, up: !String(f.reason).includes('below') })),
    );
  }

  openFiring(firing: AlertFiring): void {
    const target = firingTarget(firing);
    if (target !== null) this.land(target);
  }

  /** Shows a target: its instrument and timeframe, then scrolls to its bar once loaded. */
  land(target: AlertTarget): void {
    const token = ++this.landing;
    if (!isTimeframe(target.timeframe)) return;
    if (!this.controls.select(target.instrument)) {
      this.focus = { target, inView: false, problem: `${target.instrument} is not on your watch list` };
      return;
    }
    this.controls.timeframe(target.timeframe);
    this.focus = { target, inView: false, problem: null };
    const started = Date.now();
    const attempt = () => {
      if (token !== this.landing) return;
      const layer = this.layer;
      if (layer !== null && layer.focusBar(target.barOpenMs)) {
        // The scroll applies on the next frame; report what is on screen then.
        requestAnimationFrame(() => {
          if (token === this.landing) this.focus = { target, inView: layer.inView(target.barOpenMs), problem: null };
        });
        return;
      }
      if (Date.now() - started > FOCUS_WAIT_MS) {
        this.focus = { target, inView: false, problem: 'That bar is not in the stored history' };
        return;
      }
      setTimeout(attempt, 150);
    };
    attempt();
  }

  clearFocus(): void {
    this.landing++;
    this.focus = null;
  }

  /** A right-click or long-press at `y` px in the chart: offer a price rule at that level. */
  openMenu(x: number, y: number): void {
    const price = this.layer?.priceAt(y) ?? null;
    const close = this.chart?.newestClose() ?? null;
    if (price === null) return;
    const decimals = close === null ? 2 : (close.split('.')[1]?.length ?? 0);
    this.menu = { x, y, price: price.toFixed(Math.min(decimals, 10)), above: close === null || price >= Number(close) };
  }

  closeMenu(): void {
    this.menu = null;
  }

  /** A price rule draft at `level` (the chart's 🔔 uses the newest close). */
  priceDraft(id: string, instrument: string, timeframe: TimeframeId, level: string | null, above: boolean): RuleDraft {
    const d = emptyDraft(id, instrument, timeframe);
    return {
      ...d,
      level: level ?? this.chart?.newestClose() ?? '',
      op: above ? 'crosses-above' : 'crosses-below',
      origin: 'chart',
    };
  }
}
