import type { IPriceLine, Time } from 'lightweight-charts';
import type { AlertRule, PriceRule } from '../../../core/alerts';
import type { CandleChart } from '../chart/candle-chart';
import { toTime } from '../chart/chart-overlay';

/** Bars shown before and after a focused alert bar. */
const BEFORE = 60;
const AFTER = 20;

/**
 * The alert layer of the candle chart: a dashed line at each price rule's level on the
 * instrument on screen, the price under a right-click or long-press (to create a rule there),
 * and scrolling to the bar a notification names.
 */
export class ChartAlerts {
  private lines: IPriceLine[] = [];

  constructor(private readonly chart: CandleChart) {}

  /** The price rules of the instrument on screen as lines (paused ones dotted). */
  showRules(rules: readonly AlertRule[], instrument: string, color: string): void {
    for (const l of this.lines) this.chart.priceSeries.removePriceLine(l);
    this.lines = rules
      .filter((r): r is PriceRule => r.kind === 'price' && (r.instrument === undefined || r.instrument === instrument))
      .map((r) =>
        this.chart.priceSeries.createPriceLine({
          price: Number(r.value),
          color,
          lineWidth: 1,
          lineStyle: r.paused === true ? 1 : 2,
          axisLabelVisible: true,
          title: `alert ${r.name ?? r.id}`,
        }),
      );
  }

  /** The price at `y` px from the top of the chart, or null outside the candles pane. */
  priceAt(y: number): number | null {
    const price = this.chart.priceSeries.coordinateToPrice(y);
    return price === null || !Number.isFinite(price) ? null : Number(price);
  }

  /**
   * Scrolls the chart so the bar opening at `timeMs` is in view with some history before it.
   * False when that bar is not loaded (yet).
   */
  focusBar(timeMs: number): boolean {
    if (!this.chart.hasBar(timeMs)) return false;
    const scale = this.chart.api.timeScale();
    const index = scale.timeToIndex(toTime(timeMs) as Time, true);
    if (index === null) return false;
    scale.setVisibleLogicalRange({ from: index - BEFORE, to: index + AFTER });
    return true;
  }

  /** Whether the bar opening at `timeMs` is on screen now. */
  inView(timeMs: number): boolean {
    const range = this.chart.api.timeScale().getVisibleRange();
    if (range === null) return false;
    const t = toTime(timeMs) as number;
    return (range.from as number) <= t && t <= (range.to as number);
  }
}
