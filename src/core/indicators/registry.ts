import {
  drawdownCore,
  logReturnCore,
  parkinsonCore,
  percentileRankCore,
  realizedVolatilityCore,
  returnMeanCore,
  returnStdCore,
  zScoreCore,
} from '../features/feature-cores';
import { IndicatorSpecError, indicatorId, parseIndicatorSpec } from './indicator-spec';
import { demaCore, emaCore, kamaCore, t3Core, temaCore, vwmaCore, zlemaCore } from './moving-averages';
import {
  aoCore,
  bopCore,
  cciCore,
  macdCore,
  ppoCore,
  stochRsiCore,
  stochasticCore,
  trixCore,
  williamsRCore,
} from './oscillators';
import { streamingIndicator, type IndicatorCore, type StreamingIndicator } from './streaming-indicator';
import { adCore, rsiCore } from './trading-signals-indicators';
import { adxCore, ichimokuCore, linregCore, psarCore, supertrendCore } from './trend';
import { atrCore, bollingerCore, keltnerCore, natrCore, stddevCore, trueRangeCore } from './volatility';
import { adoscCore, anchoredVwapCore, cvdCore, obvCore, vwapCore } from './volume';
import {
  aroonCore,
  cmfCore,
  cmoCore,
  donchianCore,
  hmaCore,
  mfiCore,
  momCore,
  rocCore,
  smaCore,
  trimaCore,
  ultoscCore,
  wmaCore,
} from './windowed-indicators';

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

export interface IndicatorDefinition {
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
  /** Builds the core from a complete, validated parameter list. */
  readonly create: (params: readonly number[]) => IndicatorCore;
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

export const INDICATORS: readonly IndicatorDefinition[] = [
  // Trend and moving averages
  {
    name: 'sma',
    title: 'Simple moving average',
    category: 'trend',
    params: [period(20)],
    outputs: ['sma'],
    source: 'tapewatch',
    talib: 'SMA',
    create: (p: P) => smaCore(at(p, 0)),
  },
  {
    name: 'ema',
    title: 'Exponential moving average (SMA-seeded)',
    category: 'trend',
    params: [period(20)],
    outputs: ['ema'],
    source: 'tapewatch',
    talib: 'EMA',
    create: (p: P) => emaCore(at(p, 0)),
  },
  {
    name: 'wma',
    title: 'Weighted moving average',
    category: 'trend',
    params: [period(20)],
    outputs: ['wma'],
    source: 'tapewatch',
    talib: 'WMA',
    create: (p: P) => wmaCore(at(p, 0)),
  },
  {
    name: 'dema',
    title: 'Double exponential moving average',
    category: 'trend',
    params: [period(20)],
    outputs: ['dema'],
    source: 'tapewatch',
    talib: 'DEMA',
    create: (p: P) => demaCore(at(p, 0)),
  },
  {
    name: 'tema',
    title: 'Triple exponential moving average',
    category: 'trend',
    params: [period(20)],
    outputs: ['tema'],
    source: 'tapewatch',
    talib: 'TEMA',
    create: (p: P) => temaCore(at(p, 0)),
  },
  {
    name: 'trima',
    title: 'Triangular moving average',
    category: 'trend',
    params: [period(20, 2)],
    outputs: ['trima'],
    source: 'tapewatch',
    talib: 'TRIMA',
    create: (p: P) => trimaCore(at(p, 0)),
  },
  {
    name: 'kama',
    title: "Kaufman's adaptive moving average",
    category: 'trend',
    params: [period(10), int('fast', 2), int('slow', 30)],
    outputs: ['kama'],
    source: 'tapewatch',
    talib: 'KAMA (fast 2, slow 30)',
    create: (p: P) => kamaCore(at(p, 0), at(p, 1), at(p, 2)),
  },
  {
    name: 't3',
    title: 'Tillson T3 moving average',
    category: 'trend',
    params: [period(5), positive('vfactor', 0.7)],
    outputs: ['t3'],
    source: 'tapewatch',
    talib: 'T3',
    create: (p: P) => t3Core(at(p, 0), at(p, 1)),
  },
  {
    name: 'hma',
    title: 'Hull moving average',
    category: 'trend',
    params: [period(9, 2)],
    outputs: ['hma'],
    source: 'tapewatch',
    create: (p: P) => hmaCore(at(p, 0)),
  },
  {
    name: 'vwma',
    title: 'Volume-weighted moving average',
    category: 'trend',
    params: [period(20)],
    outputs: ['vwma'],
    source: 'tapewatch',
    create: (p: P) => vwmaCore(at(p, 0)),
  },
  {
    name: 'zlema',
    title: 'Zero-lag exponential moving average',
    category: 'trend',
    params: [period(20)],
    outputs: ['zlema'],
    source: 'tapewatch',
    create: (p: P) => zlemaCore(at(p, 0)),
  },
  {
    name: 'linreg',
    title: 'Linear regression (end value, slope, intercept)',
    category: 'trend',
    params: [period(14, 2)],
    outputs: ['value', 'slope', 'intercept'],
    source: 'tapewatch',
    talib: 'LINEARREG, LINEARREG_SLOPE, LINEARREG_INTERCEPT',
    create: (p: P) => linregCore(at(p, 0)),
  },
  {
    name: 'psar',
    title: 'Parabolic SAR',
    category: 'trend',
    params: [positive('acceleration', 0.02), positive('maximum', 0.2)],
    outputs: ['psar'],
    source: 'tapewatch',
    talib: 'SAR',
    create: (p: P) => psarCore(at(p, 0), at(p, 1)),
  },
  {
    name: 'supertrend',
    title: 'SuperTrend (+1 up, -1 down)',
    category: 'trend',
    params: [period(10), positive('multiplier', 3)],
    outputs: ['supertrend', 'direction'],
    source: 'tapewatch',
    create: (p: P) => supertrendCore(at(p, 0), at(p, 1)),
  },
  {
    name: 'ichimoku',
    title: 'Ichimoku cloud (senkou = cloud at this bar, lead = cloud ahead)',
    category: 'trend',
    params: [int('conversion', 9), int('base', 26), int('span_b', 52), int('displacement', 26)],
    outputs: ['tenkan', 'kijun', 'senkou_a', 'senkou_b', 'lead_a', 'lead_b'],
    source: 'tapewatch',
    create: (p: P) => ichimokuCore(at(p, 0), at(p, 1), at(p, 2), at(p, 3)),
  },
  {
    name: 'adx',
    title: 'Average directional index with +DI/-DI',
    category: 'trend',
    params: [period(14)],
    outputs: ['adx', 'plus_di', 'minus_di'],
    source: 'tapewatch',
    talib: 'ADX, PLUS_DI, MINUS_DI',
    create: (p: P) => adxCore(at(p, 0)),
  },
  {
    name: 'aroon',
    title: 'Aroon up/down and oscillator',
    category: 'trend',
    params: [period(14)],
    outputs: ['up', 'down', 'osc'],
    source: 'tapewatch',
    talib: 'AROON, AROONOSC',
    create: (p: P) => aroonCore(at(p, 0)),
  },
  {
    name: 'donchian',
    title: 'Donchian channels',
    category: 'trend',
    params: [period(20)],
    outputs: ['middle', 'upper', 'lower'],
    source: 'tapewatch',
    talib: 'MIDPRICE, MAX(high), MIN(low)',
    create: (p: P) => donchianCore(at(p, 0)),
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
    create: (p: P) => rsiCore(at(p, 0)),
  },
  {
    name: 'stoch',
    title: 'Slow stochastic %K/%D',
    category: 'momentum',
    params: [int('k', 14), int('k_smooth', 3), int('d', 3)],
    outputs: ['k', 'd'],
    source: 'tapewatch',
    talib: 'STOCH (SMA)',
    create: (p: P) => stochasticCore(at(p, 0), at(p, 1), at(p, 2)),
  },
  {
    name: 'stochrsi',
    title: 'Stochastic RSI %K/%D',
    category: 'momentum',
    params: [int('rsi', 14, 2), int('stoch', 14), int('k_smooth', 3), int('d', 3)],
    outputs: ['k', 'd'],
    source: 'tapewatch',
    talib: 'STOCHRSI (when k_smooth = 1)',
    create: (p: P) => stochRsiCore(at(p, 0), at(p, 1), at(p, 2), at(p, 3)),
  },
  {
    name: 'roc',
    title: 'Rate of change (percent)',
    category: 'momentum',
    params: [period(10)],
    outputs: ['roc'],
    source: 'tapewatch',
    talib: 'ROC',
    create: (p: P) => rocCore(at(p, 0)),
  },
  {
    name: 'mom',
    title: 'Momentum (close difference)',
    category: 'momentum',
    params: [period(10)],
    outputs: ['mom'],
    source: 'tapewatch',
    talib: 'MOM',
    create: (p: P) => momCore(at(p, 0)),
  },
  {
    name: 'willr',
    title: 'Williams %R',
    category: 'momentum',
    params: [period(14)],
    outputs: ['willr'],
    source: 'tapewatch',
    talib: 'WILLR',
    create: (p: P) => williamsRCore(at(p, 0)),
  },
  {
    name: 'cci',
    title: 'Commodity channel index',
    category: 'momentum',
    params: [period(20)],
    outputs: ['cci'],
    source: 'tapewatch',
    talib: 'CCI',
    create: (p: P) => cciCore(at(p, 0)),
  },
  {
    name: 'macd',
    title: 'MACD line, signal and histogram',
    category: 'momentum',
    params: [int('fast', 12), int('slow', 26), int('signal', 9)],
    outputs: ['macd', 'signal', 'histogram'],
    source: 'tapewatch',
    talib: "MACD (equal after ~150 bars; macdCore(..., 'talib') equals it from the start)",
    create: (p: P) => macdCore(at(p, 0), at(p, 1), at(p, 2)),
  },
  {
    name: 'ppo',
    title: 'Percentage price oscillator with signal and histogram',
    category: 'momentum',
    params: [int('fast', 12), int('slow', 26), int('signal', 9)],
    outputs: ['ppo', 'signal', 'histogram'],
    source: 'tapewatch',
    talib: 'PPO with MA type EMA (the ppo line)',
    create: (p: P) => ppoCore(at(p, 0), at(p, 1), at(p, 2)),
  },
  {
    name: 'trix',
    title: 'TRIX (percent change of triple EMA)',
    category: 'momentum',
    params: [period(15)],
    outputs: ['trix'],
    source: 'tapewatch',
    talib: 'TRIX',
    create: (p: P) => trixCore(at(p, 0)),
  },
  {
    name: 'cmo',
    title: 'Chande momentum oscillator (Chande sums)',
    category: 'momentum',
    params: [period(14)],
    outputs: ['cmo'],
    source: 'tapewatch',
    create: (p: P) => cmoCore(at(p, 0)),
  },
  {
    name: 'ultosc',
    title: 'Ultimate oscillator',
    category: 'momentum',
    params: [int('short', 7), int('medium', 14), int('long', 28)],
    outputs: ['ultosc'],
    source: 'tapewatch',
    talib: 'ULTOSC',
    create: (p: P) => ultoscCore(at(p, 0), at(p, 1), at(p, 2)),
  },
  {
    name: 'mfi',
    title: 'Money flow index',
    category: 'momentum',
    params: [period(14)],
    outputs: ['mfi'],
    source: 'tapewatch',
    talib: 'MFI',
    create: (p: P) => mfiCore(at(p, 0)),
  },
  {
    name: 'bop',
    title: 'Balance of power',
    category: 'momentum',
    params: [],
    outputs: ['bop'],
    source: 'tapewatch',
    talib: 'BOP',
    create: () => bopCore(),
  },
  {
    name: 'ao',
    title: 'Awesome oscillator',
    category: 'momentum',
    params: [int('fast', 5), int('slow', 34)],
    outputs: ['ao'],
    source: 'tapewatch',
    create: (p: P) => aoCore(at(p, 0), at(p, 1)),
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
    create: (p: P) => atrCore(at(p, 0)),
  },
  {
    name: 'natr',
    title: 'Normalised ATR (percent of close)',
    category: 'volatility',
    params: [period(14)],
    outputs: ['natr'],
    source: 'tapewatch',
    talib: 'NATR',
    create: (p: P) => natrCore(at(p, 0)),
  },
  {
    name: 'tr',
    title: 'True range',
    category: 'volatility',
    params: [],
    outputs: ['tr'],
    source: 'tapewatch',
    talib: 'TRANGE',
    create: () => trueRangeCore(),
  },
  {
    name: 'stddev',
    title: 'Standard deviation of close (population)',
    category: 'volatility',
    params: [period(20)],
    outputs: ['stddev'],
    source: 'tapewatch',
    talib: 'STDDEV',
    create: (p: P) => stddevCore(at(p, 0)),
  },
  {
    name: 'bb',
    title: 'Bollinger bands with %B and bandwidth',
    category: 'volatility',
    params: [period(20), positive('mult', 2)],
    outputs: ['middle', 'upper', 'lower', 'percent_b', 'bandwidth'],
    source: 'tapewatch',
    talib: 'BBANDS (SMA)',
    create: (p: P) => bollingerCore(at(p, 0), at(p, 1)),
  },
  {
    name: 'kc',
    title: 'Keltner channels (EMA ± mult·ATR)',
    category: 'volatility',
    params: [period(20), positive('mult', 2), int('atr_period', 10)],
    outputs: ['middle', 'upper', 'lower'],
    source: 'tapewatch',
    create: (p: P) => keltnerCore(at(p, 0), at(p, 1), at(p, 2)),
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
    create: () => obvCore(),
  },
  {
    name: 'ad',
    title: 'Accumulation/distribution line',
    category: 'volume',
    params: [],
    outputs: ['ad'],
    source: 'trading-signals',
    talib: 'AD',
    create: () => adCore(),
  },
  {
    name: 'adosc',
    title: 'Chaikin A/D oscillator',
    category: 'volume',
    params: [int('fast', 3), int('slow', 10)],
    outputs: ['adosc'],
    source: 'tapewatch',
    talib: 'ADOSC',
    create: (p: P) => adoscCore(at(p, 0), at(p, 1)),
  },
  {
    name: 'cmf',
    title: 'Chaikin money flow',
    category: 'volume',
    params: [period(20)],
    outputs: ['cmf'],
    source: 'tapewatch',
    create: (p: P) => cmfCore(at(p, 0)),
  },
  {
    name: 'vwap',
    title: 'Session VWAP (resets 00:00 UTC)',
    category: 'volume',
    params: [],
    outputs: ['vwap'],
    source: 'tapewatch',
    create: () => vwapCore(),
  },
  {
    name: 'avwap',
    title: 'Anchored VWAP (from anchor time, epoch ms)',
    category: 'volume',
    params: [{ name: 'anchor_ms', default: 0, integer: true, min: 0 }],
    outputs: ['avwap'],
    source: 'tapewatch',
    create: (p: P) => anchoredVwapCore(at(p, 0)),
  },
  {
    name: 'cvd',
    title: 'Cumulative volume delta (taker buy - sell)',
    category: 'volume',
    params: [],
    outputs: ['cvd', 'delta'],
    source: 'tapewatch',
    create: () => cvdCore(),
  },
  // Statistical features
  {
    name: 'logret',
    title: 'Log return of close',
    category: 'feature',
    params: [],
    outputs: ['logret'],
    source: 'tapewatch',
    create: () => logReturnCore(),
  },
  {
    name: 'rmean',
    title: 'Rolling mean of log returns',
    category: 'feature',
    params: [period(20)],
    outputs: ['rmean'],
    source: 'tapewatch',
    create: (p: P) => returnMeanCore(at(p, 0)),
  },
  {
    name: 'rstd',
    title: 'Rolling sample std of log returns',
    category: 'feature',
    params: [period(20, 2)],
    outputs: ['rstd'],
    source: 'tapewatch',
    create: (p: P) => returnStdCore(at(p, 0)),
  },
  {
    name: 'zscore',
    title: 'Z-score of close in its window',
    category: 'feature',
    params: [period(20, 2)],
    outputs: ['zscore'],
    source: 'tapewatch',
    create: (p: P) => zScoreCore(at(p, 0)),
  },
  {
    name: 'pctrank',
    title: 'Percentile rank of close among previous closes',
    category: 'feature',
    params: [period(100)],
    outputs: ['pctrank'],
    source: 'tapewatch',
    create: (p: P) => percentileRankCore(at(p, 0)),
  },
  {
    name: 'rvol',
    title: 'Realised volatility, close-to-close (per bar)',
    category: 'feature',
    params: [period(20)],
    outputs: ['rvol'],
    source: 'tapewatch',
    create: (p: P) => realizedVolatilityCore(at(p, 0)),
  },
  {
    name: 'parkinson',
    title: 'Parkinson high-low volatility (per bar)',
    category: 'feature',
    params: [period(20)],
    outputs: ['parkinson'],
    source: 'tapewatch',
    create: (p: P) => parkinsonCore(at(p, 0)),
  },
  {
    name: 'drawdown',
    title: 'Drawdown of close from running peak, and deepest so far',
    category: 'feature',
    params: [],
    outputs: ['drawdown', 'max'],
    source: 'tapewatch',
    create: () => drawdownCore(),
  },
];

export function findIndicator(name: string): IndicatorDefinition | undefined {
  return INDICATORS.find((d) => d.name === name);
}

/** Fills missing trailing parameters with defaults and checks every value. */
export function completeParams(definition: IndicatorDefinition, params: readonly number[]): number[] {
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

/** `createIndicator('rsi', [14])`; omitted parameters take their defaults. */
export function createIndicator(name: string, params: readonly number[] = []): StreamingIndicator {
  const definition = findIndicator(name);
  if (definition === undefined) throw new IndicatorSpecError(`unknown indicator ${JSON.stringify(name)} (see --list)`);
  const complete = completeParams(definition, params);
  let core: IndicatorCore;
  try {
    core = definition.create(complete);
  } catch (error) {
    // Cross-parameter checks (fast < slow, ...) live in the cores.
    if (error instanceof RangeError) throw new IndicatorSpecError(`${name}: ${error.message}`);
    throw error;
  }
  return streamingIndicator(indicatorId(name, complete), definition.outputs, core);
}

/** `createIndicatorFromSpec('macd:12,26,9')`. */
export function createIndicatorFromSpec(spec: string): StreamingIndicator {
  const parsed = parseIndicatorSpec(spec);
  return createIndicator(parsed.name, parsed.params);
}
