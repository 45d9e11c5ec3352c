import type { PairChartColors } from './pair-chart';

/** CSS variable of the theme per chart colour, with the dark palette as the fallback. */
const VARIABLES: Record<keyof PairChartColors, [string, string]> = {
  background: ['--tw-bg', '#0b0e14'],
  text: ['--tw-text-muted', '#aab2bf'],
  grid: ['--tw-grid', '#161b22'],
  border: ['--tw-border', '#30363d'],
  legA: ['--tw-series-1', '#58a6ff'],
  legB: ['--tw-series-2', '#f0883e'],
  spread: ['--tw-series-3', '#bc8cff'],
  zscore: ['--tw-series-4', '#3fb950'],
  band: ['--tw-text-muted', '#8b949e'],
  correlation: ['--tw-series-5', '#e3b341'],
  divergence: ['--tw-warn-text', '#e3b341'],
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
