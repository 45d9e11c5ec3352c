import type { PairChartColors } from './pair-chart';

/** The palette's CSS variable per chart colour; the fallback (the dark palette) only covers a page without the palette. */
const VARIABLES: Record<keyof PairChartColors, [string, string]> = {
  background: ['--chart-bg', '#0b0e14'],
  text: ['--chart-text', '#b4bcc8'],
  grid: ['--chart-grid', '#161b22'],
  border: ['--chart-border', '#30363d'],
  legA: ['--series-1', '#f0b90b'],
  legB: ['--series-2', '#58a6ff'],
  spread: ['--series-5', '#d2a8ff'],
  zscore: ['--series-4', '#3fb950'],
  band: ['--chart-hole', '#8b949e'],
  correlation: ['--series-7', '#39c5cf'],
  divergence: ['--notice', '#f0883e'],
};

/** The chart's colours as the theme on `element` defines them now. */
export function pairChartColors(element: Element): PairChartColors {
  const style = getComputedStyle(element);
  const out = {} as Record<keyof PairChartColors, string>;
  for (const [key, [variable, fallback]] of Object.entries(VARIABLES) as [keyof PairChartColors, [string, string]][]) {
    out[key] = style.getPropertyValue(variable).trim() || fallback;
  }
  return out;
}
