import type { BarInput } from '../indicators/bar-input';
import { createIndicatorFromSpec } from '../indicators/registry';
import type { StreamingIndicator } from '../indicators/streaming-indicator';
import { Baseline } from './baseline';
import { CloseTrail } from './close-trail';
import type { AlertBar } from './input';

/** What the rules on one series need computed, whether or not it is on screen. */
export interface SeriesNeeds {
  /** Indicator specs by id (`rsi_14` → `rsi:14`). */
  readonly indicators: ReadonlyMap<string, string>;
  /** Longest move window, ms (0: none). */
  readonly trailMs: number;
  readonly volumeWindows: ReadonlySet<number>;
  readonly tradeWindows: ReadonlySet<number>;
}

/** The newest bar of a series with everything computed on it, for the judges. */
export interface SeriesFrame {
  readonly bar: AlertBar;
  /** Indicator output by column (`rsi_14`, `macd_12_26_9_signal`) or `close`; null while warming up. */
  column(name: string): number | null;
  /** Close at or before `timeMs` among committed bars. */
  closeAt(timeMs: number): number | null;
  /** z-score of this bar's volume / trade count against the previous `window` closed bars. */
  volumeZ(window: number): number | null;
  tradesZ(window: number): number | null;
}

/**
 * One series (instrument × timeframe) as the alert rules see it: the indicators, close trail and
 * baselines its rules need, fed closed bars (`add`) and the forming bar (`replace`) in order. A bar
 * at or before the newest committed one (a late correction) is not judged again: the firing it
 * might have caused was decided when the bar first closed.
 */
export class SeriesContext implements SeriesFrame {
  private readonly indicators: StreamingIndicator[];
  private readonly values = new Map<string, number | null>();
  private readonly trail: CloseTrail | null;
  private readonly volume = new Map<number, Baseline>();
  private readonly trades = new Map<number, Baseline>();
  private lastCommittedMs = -Infinity;
  bar!: AlertBar;

  constructor(needs: SeriesNeeds) {
    this.indicators = [...needs.indicators.values()].map((spec) => createIndicatorFromSpec(spec));
    for (const i of this.indicators) for (const c of i.columns) this.values.set(c, null);
    this.trail = needs.trailMs > 0 ? new CloseTrail(needs.trailMs) : null;
    for (const w of needs.volumeWindows) this.volume.set(w, new Baseline(w));
    for (const w of needs.tradeWindows) this.trades.set(w, new Baseline(w));
  }

  /** Takes a bar; false when it is a correction (not judged). */
  update(bar: AlertBar): boolean {
    if (bar.openTimeMs <= this.lastCommittedMs) return false;
    this.bar = bar;
    const input: BarInput = {
      timeMs: bar.openTimeMs,
      open: bar.open,
      high: bar.high,
      low: bar.low,
      close: bar.close,
      volume: bar.volume,
      ...(bar.buyVolume !== undefined ? { buyVolume: bar.buyVolume } : {}),
      ...(bar.sellVolume !== undefined ? { sellVolume: bar.sellVolume } : {}),
    };
    if (this.indicators.length > 0) this.runIndicators(bar.closed, input);
    if (bar.closed) this.lastCommittedMs = bar.openTimeMs;
    return true;
  }

  private runIndicators(closed: boolean, input: BarInput): void {
    for (const indicator of this.indicators) {
      const value = closed ? indicator.add(input) : indicator.replace(input);
      const { outputs, columns } = indicator;
      for (let i = 0; i < columns.length; i++) {
        this.values.set(columns[i] as string, value === null ? null : (value[outputs[i] as string] as number));
      }
    }
  }

  /** After the judges ran on a closed bar: it joins the baselines and the trail. */
  commit(): void {
    const bar = this.bar;
    if (!bar.closed) return;
    for (const b of this.volume.values()) b.push(bar.volume);
    for (const b of this.trades.values()) b.push(bar.trades);
    this.trail?.push(bar.openTimeMs, bar.close);
  }

  column(name: string): number | null {
    return name === 'close' ? this.bar.close : (this.values.get(name) ?? null);
  }

  closeAt(timeMs: number): number | null {
    return this.trail?.at(timeMs) ?? null;
  }

  volumeZ(window: number): number | null {
    return this.volume.get(window)?.z(this.bar.volume) ?? null;
  }

  tradesZ(window: number): number | null {
    return this.trades.get(window)?.z(this.bar.trades) ?? null;
  }
}
