import { period } from './params';
import type { IndicatorInfo } from './indicator-info';

/** Statistical features: what each is, without its arithmetic (see `../catalog.ts`). */
export const FEATURES: readonly IndicatorInfo[] = [
  {
    name: 'logret',
    title: 'Log return of close',
    category: 'feature',
    params: [],
    outputs: ['logret'],
    source: 'tapewatch',
  },
  {
    name: 'rmean',
    title: 'Rolling mean of log returns',
    category: 'feature',
    params: [period(20)],
    outputs: ['rmean'],
    source: 'tapewatch',
  },
  {
    name: 'rstd',
    title: 'Rolling sample std of log returns',
    category: 'feature',
    params: [period(20, 2)],
    outputs: ['rstd'],
    source: 'tapewatch',
  },
  {
    name: 'zscore',
    title: 'Z-score of close in its window',
    category: 'feature',
    params: [period(20, 2)],
    outputs: ['zscore'],
    source: 'tapewatch',
  },
  {
    name: 'pctrank',
    title: 'Percentile rank of close among previous closes',
    category: 'feature',
    params: [period(100)],
    outputs: ['pctrank'],
    source: 'tapewatch',
  },
  {
    name: 'rvol',
    title: 'Realised volatility, close-to-close (per bar)',
    category: 'feature',
    params: [period(20)],
    outputs: ['rvol'],
    source: 'tapewatch',
  },
  {
    name: 'parkinson',
    title: 'Parkinson high-low volatility (per bar)',
    category: 'feature',
    params: [period(20)],
    outputs: ['parkinson'],
    source: 'tapewatch',
  },
  {
    name: 'drawdown',
    title: 'Drawdown of close from running peak, and deepest so far',
    category: 'feature',
    params: [],
    outputs: ['drawdown', 'max'],
    source: 'tapewatch',
  },
];
