import { period, int, at } from './params';
import type { IndicatorInfo } from './indicator-info';

/** Volume: what each is, without its arithmetic (see `../catalog.ts`). */
export const VOLUME: readonly IndicatorInfo[] = [
  {
    name: 'obv',
    title: 'On-balance volume',
    category: 'volume',
    params: [],
    outputs: ['obv'],
    source: 'tapewatch',
    talib: 'OBV',
  },
  {
    name: 'ad',
    title: 'Accumulation/distribution line',
    category: 'volume',
    params: [],
    outputs: ['ad'],
    source: 'trading-signals',
    talib: 'AD',
  },
  {
    name: 'adosc',
    title: 'Chaikin A/D oscillator',
    category: 'volume',
    params: [int('fast', 3), int('slow', 10)],
    outputs: ['adosc'],
    check: (p) => (at(p, 0) < at(p, 1) ? null : 'adosc: fast must be below slow'),
    source: 'tapewatch',
    talib: 'ADOSC',
  },
  {
    name: 'cmf',
    title: 'Chaikin money flow',
    category: 'volume',
    params: [period(20)],
    outputs: ['cmf'],
    source: 'tapewatch',
  },
  {
    name: 'vwap',
    title: 'Session VWAP (resets 00:00 UTC)',
    category: 'volume',
    params: [],
    outputs: ['vwap'],
    source: 'tapewatch',
  },
  {
    name: 'avwap',
    title: 'Anchored VWAP (from anchor time, epoch ms)',
    category: 'volume',
    params: [{ name: 'anchor_ms', default: 0, integer: true, min: 0 }],
    outputs: ['avwap'],
    source: 'tapewatch',
  },
  {
    name: 'cvd',
    title: 'Cumulative volume delta (taker buy - sell)',
    category: 'volume',
    params: [],
    outputs: ['cvd', 'delta'],
    source: 'tapewatch',
  },
];
