import type { IPrimitivePaneRenderer, SeriesAttachedParameter, Time } from 'lightweight-charts';
import { PanePrimitive } from '../chart/pane-primitive';
import type { CanvasRenderingTarget2D } from 'fancy-canvas';
import type { RegimeState } from '../../../core/models/signals/signal';
import { levelOfName, shadeOf } from '../../../core/models/regimes/regime-shade';
import { toTime, type ChartOverlay, type LegendGroup, type OverlayHost } from '../chart/chart-overlay';
import { regimeValueText } from './regime-format';

/**
 * The regimes behind the candles: each closed bar's background is tinted by its most probable
 * state (palette `--regime-<level>`), as opaque as that state is certain. The probabilities are
 * the forward filter's (each bar's from the bars up to it), never smoothed with later bars, so
 * the shading of a bar never changes after it is drawn. A series primitive in the bottom layer,
 * so the candles, the forecast band and the markers stay on top.
 */
export class RegimeShadingOverlay implements ChartOverlay<RegimeState> {
  readonly id = 'regime-shading';
  readonly placement = 'overlay' as const;
  readonly paneHeight = 0;
  private readonly byTime = new Map<number, RegimeState>();
  private names: readonly string[] = [];
  private lastTimeMs = -Infinity;
  private host: OverlayHost | null = null;
  private readonly primitive = new ShadePrimitive(
    () => this.byTime,
    () => this.names,
  );

  attach(host: OverlayHost): void {
    this.host = host;
    host.priceSeries.attachPrimitive(this.primitive);
  }

  /** The state names (index = state), from the fitted model. */
  setNames(names: readonly string[]): void {
    this.names = names;
    this.primitive.redraw();
  }

  setHistory(rows: readonly RegimeState[]): void {
    this.byTime.clear();
    this.lastTimeMs = -Infinity;
    this.apply(rows);
  }

  apply(rows: readonly RegimeState[]): void {
    for (const r of rows) {
      this.byTime.set(r.openTimeMs, r);
      this.lastTimeMs = Math.max(this.lastTimeMs, r.openTimeMs);
    }
    this.primitive.redraw();
  }

  /** A row of the bar opened at `openTimeMs` is drawn. */
  has(openTimeMs: number): boolean {
    return this.byTime.has(openTimeMs);
  }

  /** The rows drawn, in no particular order. */
  rows(): RegimeState[] {
    return [...this.byTime.values()];
  }

  detach(): void {
    if (this.host === null) return;
    this.host.priceSeries.detachPrimitive(this.primitive);
    this.host.chart.chartElement().dataset['regimeShaded'] = '0';
    this.host = null;
  }

  legend(timeMs: number | null): LegendGroup | null {
    const row = this.byTime.get(timeMs ?? this.lastTimeMs);
    if (row === undefined || this.host === null || this.names.length === 0) return null;
    return {
      id: this.id,
      label: 'Regime (filtered, causal)',
      values: [
        {
          name: 'regime',
          value: row.probabilities[row.state] ?? null,
          text: regimeValueText(row, this.names),
          color: this.host.palette.text,
        },
      ],
    };
  }
}

class ShadePrimitive extends PanePrimitive {
  constructor(
    private readonly rows: () => ReadonlyMap<number, RegimeState>,
    private readonly names: () => readonly string[],
  ) {
    super('bottom');
  }

  protected render(a: SeriesAttachedParameter<Time>): IPrimitivePaneRenderer | null {
    const rows = this.rows();
    const names = this.names();
    if (names.length === 0) return null;
    const scale = a.chart.timeScale();
    const spacing = scale.options().barSpacing;
    const style = getComputedStyle(document.documentElement);
    const colours = new Map(
      ['calm', 'moderate', 'volatile'].map((level) => [level, style.getPropertyValue(`--regime-${level}`).trim()]),
    );
    const width = scale.width();
    const bands: { x: number; colour: string; alpha: number }[] = [];
    for (const row of rows.values()) {
      const x = scale.timeToCoordinate(toTime(row.openTimeMs));
      if (x === null || x < -spacing || x > width + spacing) continue;
      const shade = shadeOf(row.probabilities);
      if (shade.strength <= 0) continue;
      const colour = colours.get(levelOfName(names[shade.state] ?? '')) ?? '';
      if (colour !== '') bands.push({ x, colour, alpha: shade.strength });
    }
    const element = a.chart.chartElement();
    return {
      draw: (target: CanvasRenderingTarget2D) =>
        target.useMediaCoordinateSpace(({ context: c, mediaSize }) => {
          for (const b of bands) {
            c.globalAlpha = b.alpha;
            c.fillStyle = b.colour;
            // Adjacent bars meet edge to edge: no seams between bars of one regime.
            c.fillRect(Math.round(b.x - spacing / 2), 0, Math.ceil(spacing), mediaSize.height);
          }
          c.globalAlpha = 1;
          // Exposed for the browser tests: the bars shaded in the last paint.
          const shaded = String(bands.length);
          if (element.dataset['regimeShaded'] !== shaded) element.dataset['regimeShaded'] = shaded;
        }),
    };
  }
}
