/** The chart's colours, read from the page's palette (CSS variables) whenever the theme changes. */
export interface ChartPalette {
  readonly background: string;
  readonly text: string;
  readonly grid: string;
  readonly border: string;
  readonly up: string;
  readonly down: string;
  readonly upSoft: string;
  readonly downSoft: string;
  readonly gap: string;
  readonly hole: string;
  /** Indicator colours by palette slot (1-based in the UI, 0-based here). */
  readonly series: readonly string[];
  /** Anomaly markers by severity. */
  readonly anomaly: { readonly low: string; readonly medium: string; readonly high: string };
}

export function readChartPalette(root: HTMLElement = document.documentElement): ChartPalette {
  const style = getComputedStyle(root);
  const v = (name: string) => style.getPropertyValue(name).trim();
  return {
    background: v('--chart-bg'),
    text: v('--chart-text'),
    grid: v('--chart-grid'),
    border: v('--chart-border'),
    up: v('--up'),
    down: v('--down'),
    upSoft: v('--up-soft'),
    downSoft: v('--down-soft'),
    gap: v('--chart-gap'),
    hole: v('--chart-hole'),
    series: Array.from({ length: 8 }, (_, i) => v(`--series-${i + 1}`)),
    anomaly: { low: v('--anomaly-low'), medium: v('--anomaly-medium'), high: v('--anomaly-high') },
  };
}
