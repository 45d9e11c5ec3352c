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
import { INDICATOR_CATALOG, completeParams, type IndicatorInfo } from './catalog';
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

export {
  completeParams,
  describeIndicator,
  describeIndicatorSpec,
  INDICATOR_CATALOG,
  MAX_PERIOD,
  type IndicatorCategory,
  type IndicatorInfo,
  type IndicatorShape,
  type ParamDefinition,
} from './catalog';

export interface IndicatorDefinition extends IndicatorInfo {
  /** Builds the core from a complete, validated parameter list. */
  readonly create: (params: readonly number[]) => IndicatorCore;
}

/** Parameter list as numbers, in declaration order; `p[i]` exists because params were completed. */
type P = readonly number[];
const at = (p: P, i: number): number => p[i] as number;

/** Each catalogue entry's arithmetic, by name (`catalog.test.ts` checks they pair up one to one). */
export const INDICATOR_CORES: Readonly<Record<string, (p: P) => IndicatorCore>> = {
  sma: (p: P) => smaCore(at(p, 0)),
  ema: (p: P) => emaCore(at(p, 0)),
  wma: (p: P) => wmaCore(at(p, 0)),
  dema: (p: P) => demaCore(at(p, 0)),
  tema: (p: P) => temaCore(at(p, 0)),
  trima: (p: P) => trimaCore(at(p, 0)),
  kama: (p: P) => kamaCore(at(p, 0), at(p, 1), at(p, 2)),
  t3: (p: P) => t3Core(at(p, 0), at(p, 1)),
  hma: (p: P) => hmaCore(at(p, 0)),
  vwma: (p: P) => vwmaCore(at(p, 0)),
  zlema: (p: P) => zlemaCore(at(p, 0)),
  linreg: (p: P) => linregCore(at(p, 0)),
  psar: (p: P) => psarCore(at(p, 0), at(p, 1)),
  supertrend: (p: P) => supertrendCore(at(p, 0), at(p, 1)),
  ichimoku: (p: P) => ichimokuCore(at(p, 0), at(p, 1), at(p, 2), at(p, 3)),
  adx: (p: P) => adxCore(at(p, 0)),
  aroon: (p: P) => aroonCore(at(p, 0)),
  donchian: (p: P) => donchianCore(at(p, 0)),
  rsi: (p: P) => rsiCore(at(p, 0)),
  stoch: (p: P) => stochasticCore(at(p, 0), at(p, 1), at(p, 2)),
  stochrsi: (p: P) => stochRsiCore(at(p, 0), at(p, 1), at(p, 2), at(p, 3)),
  roc: (p: P) => rocCore(at(p, 0)),
  mom: (p: P) => momCore(at(p, 0)),
  willr: (p: P) => williamsRCore(at(p, 0)),
  cci: (p: P) => cciCore(at(p, 0)),
  macd: (p: P) => macdCore(at(p, 0), at(p, 1), at(p, 2)),
  ppo: (p: P) => ppoCore(at(p, 0), at(p, 1), at(p, 2)),
  trix: (p: P) => trixCore(at(p, 0)),
  cmo: (p: P) => cmoCore(at(p, 0)),
  ultosc: (p: P) => ultoscCore(at(p, 0), at(p, 1), at(p, 2)),
  mfi: (p: P) => mfiCore(at(p, 0)),
  bop: () => bopCore(),
  ao: (p: P) => aoCore(at(p, 0), at(p, 1)),
  atr: (p: P) => atrCore(at(p, 0)),
  natr: (p: P) => natrCore(at(p, 0)),
  tr: () => trueRangeCore(),
  stddev: (p: P) => stddevCore(at(p, 0)),
  bb: (p: P) => bollingerCore(at(p, 0), at(p, 1)),
  kc: (p: P) => keltnerCore(at(p, 0), at(p, 1), at(p, 2)),
  obv: () => obvCore(),
  ad: () => adCore(),
  adosc: (p: P) => adoscCore(at(p, 0), at(p, 1)),
  cmf: (p: P) => cmfCore(at(p, 0)),
  vwap: () => vwapCore(),
  avwap: (p: P) => anchoredVwapCore(at(p, 0)),
  cvd: () => cvdCore(),
  logret: () => logReturnCore(),
  rmean: (p: P) => returnMeanCore(at(p, 0)),
  rstd: (p: P) => returnStdCore(at(p, 0)),
  zscore: (p: P) => zScoreCore(at(p, 0)),
  pctrank: (p: P) => percentileRankCore(at(p, 0)),
  rvol: (p: P) => realizedVolatilityCore(at(p, 0)),
  parkinson: (p: P) => parkinsonCore(at(p, 0)),
  drawdown: () => drawdownCore(),
};

function withCores(): IndicatorDefinition[] {
  return INDICATOR_CATALOG.map((info) => {
    const create = INDICATOR_CORES[info.name];
    if (create === undefined) throw new Error(`indicator ${info.name} has no core`);
    return { ...info, create };
  });
}

/** Pure: a bundle that only reaches this module through an unused import drops it and every core. */
export const INDICATORS: readonly IndicatorDefinition[] = /* @__PURE__ */ withCores();

export function findIndicator(name: string): IndicatorDefinition | undefined {
  return INDICATORS.find((d) => d.name === name);
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
