import type {
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesPrimitive,
  PrimitivePaneViewZOrder,
  SeriesAttachedParameter,
  Time,
} from 'lightweight-charts';

/**
 * A series primitive with one pane view: what the chart calls (attach, detach, views) in one
 * place, so a drawing (the forecast band, the regime shading) states only its layer and how it
 * renders. `render` runs on each paint while attached.
 */
export abstract class PanePrimitive implements ISeriesPrimitive<Time> {
  private param: SeriesAttachedParameter<Time> | null = null;
  private readonly view: IPrimitivePaneView;

  constructor(zOrder: PrimitivePaneViewZOrder) {
    this.view = { zOrder: () => zOrder, renderer: () => (this.param === null ? null : this.render(this.param)) };
  }

  attached(param: SeriesAttachedParameter<Time>): void {
    this.param = param;
  }

  detached(): void {
    this.param = null;
  }

  /** Asks the chart to paint again (the data behind the drawing changed). */
  redraw(): void {
    this.param?.requestUpdate();
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return [this.view];
  }

  protected abstract render(attached: SeriesAttachedParameter<Time>): IPrimitivePaneRenderer | null;
}
