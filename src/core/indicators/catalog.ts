import { IndicatorSpecError, indicatorId, parseIndicatorSpec } from './indicator-spec';
import { indicatorColumns } from './streaming-indicator';

/**
 * What every indicator is (name, title, parameters with their ranges, outputs, where its
 * arithmetic comes from) without its arithmetic: the page names, lists, validates and restores
 * indicators from this alone, while the cores (`registry.ts`) run in the workers and the CLI.
 */

export interface ParamDefinition {
  readonly name: string;
  readonly default: number;
  /** Whole numbers only (periods). */
  readonly integer: boolean;
  /** Smallest allowed value; with `exclusive`, values must be strictly above it. */
  readonly min: number;
  readonly exclusive?: boolean;
  /** Largest allowed value, if bounded (window lengths are, see `MAX_PERIOD`). */
  readonly max?: number;
}

/**
 * Upper bound for every whole-number parameter (periods, window lengths, offsets): one year of
 * 1m bars. Windows cost O(1) per bar whatever their length, but each holds its values (8 bytes
 * per bar and window), and a longer window would never fill from the history Tapewatch keeps.
 */
export const MAX_PERIOD = 525_600;

export type IndicatorCategory = 'trend' | 'momentum' | 'volatility' | 'volume' | 'feature';

export interface IndicatorInfo {
  readonly name: string;
  readonly title: string;
  readonly category: IndicatorCategory;
  readonly params: readonly ParamDefinition[];
  /** Output names, main output first. */
  readonly outputs: readonly string[];
  /** Where the arithmetic comes from. */
  readonly source: 'trading-signals' | 'tapewatch';
  /** The TA-Lib function(s) it equals, if any (see the reference tests for conventions). */
  readonly talib?: string;
  /**
   * Rules across parameters (fast below slow), as the core enforces them: the message its
   * RangeError carries, or null. Lets the page validate without the cores (`describeIndicator`).
   */
  readonly check?: (params: readonly number[]) => string | null;
}

const period = (value: number, min = 1): ParamDefinition => ({
  name: 'period',
  default: value,
  integer: true,
  min,
  max: MAX_PERIOD,
});
const int = (name: string, value: number, min = 1): ParamDefinition => ({
  name,
  default: value,
  integer: true,
  min,
  max: MAX_PERIOD,
});
const positive = (name: string, value: number): ParamDefinition => ({
  name,
  default: value,
  integer: false,
  min: 0,
  exclusive: true,
});

/** Parameter list as numbers, in declaration order; `p[i]` exists because params were completed. */
type P = readonly number[];
const at = (p: P, i: number): number => p[i] as number;

export const INDICATOR_CATALOG: readonly IndicatorInfo[] = [
  // Trend and moving averages
  {
    name: 'sma',
    title: 'Simple moving average',
    category: 'trend',
    params: [period(20)],
    outputs: ['sma'],
    source: 'tapewatch',
    talib: 'SMA',
  },
  {
    name: 'ema',
    title: 'Exponential moving average (SMA-seeded)',
    category: 'trend',
    params: [period(20)],
    outputs: ['ema'],
    source: 'tapewatch',
    talib: 'EMA',
  },
  {
    name: 'wma',
    title: 'Weighted moving average',
    category: 'trend',
    params: [period(20)],
    outputs: ['wma'],
    source: 'tapewatch',
    talib: 'WMA',
  },
  {
    name: 'dema',
    title: 'Double exponential moving average',
    category: 'trend',
    params: [period(20)],
    outputs: ['dema'],
    source: 'tapewatch',
    talib: 'DEMA',
  },
  {
    name: 'tema',
    title: 'Triple exponential moving average',
    category: 'trend',
    params: [period(20)],
    outputs: ['tema'],
    source: 'tapewatch',
    talib: 'TEMA',
  },
  {
    name: 'trima',
    title: 'Triangular moving average',
    category: 'trend',
    params: [period(20, 2)],
    outputs: ['trima'],
    source: 'tapewatch',
    talib: 'TRIMA',
  },
  {
    name: 'kama',
    title: "Kaufman's adaptive moving average",
    category: 'trend',
    params: [period(10), int('fast', 2), int('slow', 30)],
    outputs: ['kama'],
    check: (p) => (at(p, 1) < at(p, 2) ? null : 'kama: fast must be below slow'),
    source: 'tapewatch',
    talib: 'KAMA (fast 2, slow 30)',
  },
  {
    name: 't3',
    title: 'Tillson T3 moving average',
    category: 'trend',
    params: [period(5), positive('vfactor', 0.7)],
    outputs: ['t3'],
    source: 'tapewatch',
    talib: 'T3',
  },
  {
    name: 'hma',
    title: 'Hull moving average',
    category: 'trend',
    params: [period(9, 2)],
    outputs: ['hma'],
    source: 'tapewatch',
  },
  {
    name: 'vwma',
    title: 'Volume-weighted moving average',
    category: 'trend',
    params: [period(20)],
    outputs: ['vwma'],
    source: 'tapewatch',
  },
  {
    name: 'zlema',
    title: 'Zero-lag exponential moving average',
    category: 'trend',
    params: [period(20)],
    outputs: ['zlema'],
    source: 'tapewatch',
  },
  {
    name: 'linreg',
    title: 'Linear regression (end value, slope, intercept)',
    category: 'trend',
    params: [period(14, 2)],
    outputs: ['value', 'slope', 'intercept'],
    source: 'tapewatch',
    talib: 'LINEARREG, LINEARREG_SLOPE, LINEARREG_INTERCEPT',
  },
  {
    name: 'psar',
    title: 'Parabolic SAR',
    category: 'trend',
    params: [positive('acceleration', 0.02), positive('maximum', 0.2)],
    outputs: ['psar'],
    source: 'tapewatch',
    talib: 'SAR',
  },
  {
    name: 'supertrend',
    title: 'SuperTrend (+1 up, -1 down)',
    category: 'trend',
    params: [period(10), positive('multiplier', 3)],
    outputs: ['supertrend', 'direction'],
    source: 'tapewatch',
  },
  {
    name: 'ichimoku',
    title: 'Ichimoku cloud (senkou = cloud at this bar, lead = cloud ahead)',
    category: 'trend',
    params: [int('conversion', 9), int('base', 26), int('span_b', 52), int('displacement', 26)],
    outputs: ['tenkan', 'kijun', 'senkou_a', 'senkou_b', 'lead_a', 'lead_b'],
    source: 'tapewatch',
  },
  {
    name: 'adx',
    title: 'Average directional index with +DI/-DI',
    category: 'trend',
    params: [period(14)],
    outputs: ['adx', 'plus_di', 'minus_di'],
    source: 'tapewatch',
    talib: 'ADX, PLUS_DI, MINUS_DI',
  },
  {
    name: 'aroon',
    title: 'Aroon up/down and oscillator',
    category: 'trend',
    params: [period(14)],
    outputs: ['up', 'down', 'osc'],
    source: 'tapewatch',
    talib: 'AROON, AROONOSC',
  },
  {
    name: 'donchian',
    title: 'Donchian channels',
    category: 'trend',
    params: [period(20)],
    outputs: ['middle', 'upper', 'lower'],
    source: 'tapewatch',
    talib: 'MIDPRICE, MAX(high), MIN(low)',
  },
  // Momentum
  {
    name: 'rsi',
    title: 'Relative strength index (Wilder)',
    category: 'momentum',
    params: [period(14, 2)],
    outputs: ['rsi'],
    source: 'trading-signals',
    talib: 'RSI',
  },
  {
    name: 'stoch',
    title: 'Slow stochastic %K/%D',
    category: 'momentum',
    params: [int('k', 14), int('k_smooth', 3), int('d', 3)],
    outputs: ['k', 'd'],
    source: 'tapewatch',
    talib: 'STOCH (SMA)',
  },
  {
    name: 'stochrsi',
    title: 'Stochastic RSI %K/%D',
    category: 'momentum',
    params: [int('rsi', 14, 2), int('stoch', 14), int('k_smooth', 3), int('d', 3)],
    outputs: ['k', 'd'],
    source: 'tapewatch',
    talib: 'STOCHRSI (when k_smooth = 1)',
  },
  {
    name: 'roc',
    title: 'Rate of change (percent)',
    category: 'momentum',
    params: [period(10)],
    outputs: ['roc'],
    source: 'tapewatch',
    talib: 'ROC',
  },
  {
    name: 'mom',
    title: 'Momentum (close difference)',
    category: 'momentum',
    params: [period(10)],
    outputs: ['mom'],
    source: 'tapewatch',
    talib: 'MOM',
  },
  {
    name: 'willr',
    title: 'Williams %R',
    category: 'momentum',
    params: [period(14)],
    outputs: ['willr'],
    source: 'tapewatch',
    talib: 'WILLR',
  },
  {
    name: 'cci',
    title: 'Commodity channel index',
    category: 'momentum',
    params: [period(20)],
    outputs: ['cci'],
    source: 'tapewatch',
    talib: 'CCI',
  },
  {
    name: 'macd',
    title: 'MACD line, signal and histogram',
    category: 'momentum',
    params: [int('fast', 12), int('slow', 26), int('signal', 9)],
    outputs: ['macd', 'signal', 'histogram'],
    check: (p) => (at(p, 0) < at(p, 1) ? null : 'the fast period must be below the slow period'),
    source: 'tapewatch',
    talib: "MACD (equal after ~150 bars; macdCore(..., 'talib') equals it from the start)",
  },
  {
    name: 'ppo',
    title: 'Percentage price oscillator with signal and histogram',
    category: 'momentum',
    params: [int('fast', 12), int('slow', 26), int('signal', 9)],
    outputs: ['ppo', 'signal', 'histogram'],
    check: (p) => (at(p, 0) < at(p, 1) ? null : 'the fast period must be below the slow period'),
    source: 'tapewatch',
    talib: 'PPO with MA type EMA (the ppo line)',
  },
  {
    name: 'trix',
    title: 'TRIX (percent change of triple EMA)',
    category: 'momentum',
    params: [period(15)],
    outputs: ['trix'],
    source: 'tapewatch',
    talib: 'TRIX',
  },
  {
    name: 'cmo',
    title: 'Chande momentum oscillator (Chande sums)',
    category: 'momentum',
    params: [period(14)],
    outputs: ['cmo'],
    source: 'tapewatch',
  },
  {
    name: 'ultosc',
    title: 'Ultimate oscillator',
    category: 'momentum',
    params: [int('short', 7), int('medium', 14), int('long', 28)],
    outputs: ['ultosc'],
    check: (p) =>
      at(p, 0) < at(p, 1) && at(p, 1) < at(p, 2) ? null : 'ultosc periods must increase: short < medium < long',
    source: 'tapewatch',
    talib: 'ULTOSC',
  },
  {
    name: 'mfi',
    title: 'Money flow index',
    category: 'momentum',
    params: [period(14)],
    outputs: ['mfi'],
    source: 'tapewatch',
    talib: 'MFI',
  },
  {
    name: 'bop',
    title: 'Balance of power',
    category: 'momentum',
    params: [],
    outputs: ['bop'],
    source: 'tapewatch',
    talib: 'BOP',
  },
  {
    name: 'ao',
    title: 'Awesome oscillator',
    category: 'momentum',
    params: [int('fast', 5), int('slow', 34)],
    outputs: ['ao'],
    check: (p) => (at(p, 0) < at(p, 1) ? null : 'ao: fast must be below slow'),
    source: 'tapewatch',
  },
  // Volatility
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
  // Volume
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
  // Statistical features
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

export function findIndicator(name: string): IndicatorInfo | undefined {
  return INDICATOR_CATALOG.find((d) => d.name === name);
}

/** Fills missing trailing parameters with defaults and checks every value. */
export function completeParams(definition: IndicatorInfo, params: readonly number[]): number[] {
  if (params.length > definition.params.length) {
    throw new IndicatorSpecError(
      `${definition.name} takes at most ${definition.params.length} parameter(s) (${definition.params.map((p) => p.name).join(', ') || 'none'}), got ${params.length}`,
    );
  }
  return definition.params.map((param, i) => {
    const value = params[i] ?? param.default;
    if (param.integer && !Number.isInteger(value)) {
      throw new IndicatorSpecError(`${definition.name}: ${param.name} must be a whole number, got ${value}`);
    }
    if (param.exclusive ? !(value > param.min) : !(value >= param.min)) {
      throw new IndicatorSpecError(
        `${definition.name}: ${param.name} must be ${param.exclusive ? 'above' : 'at least'} ${param.min}, got ${value}`,
      );
    }
    if (param.max !== undefined && !(value <= param.max)) {
      throw new IndicatorSpecError(
        `${definition.name}: ${param.name} must be at most ${param.max}${param.max === MAX_PERIOD ? ' (one year of 1m bars)' : ''}, got ${value}`,
      );
    }
    return value;
  });
}

/** What an indicator instance is called and outputs, as `createIndicator` would build it. */
export interface IndicatorShape {
  readonly id: string;
  readonly outputs: readonly string[];
  readonly columns: readonly string[];
}

/**
 * Checks `name` and `params` exactly as `createIndicator` does (unknown name, ranges, rules
 * across parameters; same messages) and returns the instance's id and columns, without building it.
 */
export function describeIndicator(name: string, params: readonly number[] = []): IndicatorShape {
  const definition = findIndicator(name);
  if (definition === undefined) throw new IndicatorSpecError(`unknown indicator ${JSON.stringify(name)} (see --list)`);
  const complete = completeParams(definition, params);
  const problem = definition.check?.(complete) ?? null;
  if (problem !== null) throw new IndicatorSpecError(`${name}: ${problem}`);
  const id = indicatorId(name, complete);
  return { id, outputs: definition.outputs, columns: indicatorColumns(id, definition.outputs) };
}

/** `describeIndicatorSpec('macd:12,26,9')`. */
export function describeIndicatorSpec(spec: string): IndicatorShape {
  const parsed = parseIndicatorSpec(spec);
  return describeIndicator(parsed.name, parsed.params);
}
