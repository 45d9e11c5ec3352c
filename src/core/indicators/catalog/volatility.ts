import { period, int, positive } from './params';
import type { IndicatorInfo } from './indicator-info';

/** Volatility: what each is, without its arithmetic (see `../catalog.ts`). */
export const VOLATILITY: readonly IndicatorInfo[] = [
  {
    name: 'atr',
    title: 'Average true range',
    category: 'volatility',
    params: [period(14)],
    outputs: ['atr'],
    source: 'tapewatch',
    talib: 'ATR',
  },
  {
    name: 'natr',
    title: 'Normalised ATR (percent of close)',
    category: 'volatility',
    params: [period(14)],
    outputs: ['natr'],
    source: 'tapewatch',
    talib: 'NATR',
  },
  {
    name: 'tr',
    title: 'True range',
    category: 'volatility',
    params: [],
    outputs: ['tr'],
    source: 'tapewatch',
    talib: 'TRANGE',
  },
  {
    name: 'stddev',
    title: 'Standard deviation of close (population)',
    category: 'volatility',
    params: [period(20)],
    outputs: ['stddev'],
    source: 'tapewatch',
    talib: 'STDDEV',
  },
  {
    name: 'bb',
    title: 'Bollinger bands with %B and bandwidth',
    category: 'volatility',
    params: [period(20), positive('mult', 2)],
    outputs: ['middle', 'upper', 'lower', 'percent_b', 'bandwidth'],
    source: 'tapewatch',
    talib: 'BBANDS (SMA)',
  },
  {
    name: 'kc',
    title: 'Keltner channels (EMA ± mult·ATR)',
    category: 'volatility',
    params: [period(20), positive('mult', 2), int('atr_period', 10)],
    outputs: ['middle', 'upper', 'lower'],
    source: 'tapewatch',
  },
];
