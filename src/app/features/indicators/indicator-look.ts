import type { IndicatorInfo } from '../../../core/indicators/catalog';

/** Where an indicator draws: on the price pane (same scale as prices) or in a pane of its own. */
export type Placement = 'overlay' | 'pane';

/** How one output is drawn; `hidden` outputs are computed but neither drawn nor listed. */
export type OutputStyle = 'line' | 'histogram' | 'dots' | 'hidden';

export interface IndicatorLook {
  readonly placement: Placement;
  /** One style per registry output, in the registry's order. */
  readonly styles: readonly OutputStyle[];
  /** Reference levels drawn in the pane (RSI 30/70). */
  readonly levels: readonly number[];
}

interface LookHint {
  readonly placement?: Placement;
  readonly styles?: Readonly<Record<string, OutputStyle>>;
  readonly levels?: readonly number[];
}

const OVERLAY: LookHint = { placement: 'overlay' };

/**
 * Per-indicator hints, keyed by registry name. Anything not listed gets the default: trend
 * indicators whose outputs are prices overlay the candles, everything else gets its own pane,
 * every output a line. So every registry entry can be added, listed here or not.
 */
const HINTS: Readonly<Record<string, LookHint>> = {
  linreg: { placement: 'overlay', styles: { slope: 'hidden', intercept: 'hidden' } },
  psar: { placement: 'overlay', styles: { psar: 'dots' } },
  supertrend: { placement: 'overlay', styles: { direction: 'hidden' } },
  ichimoku: { placement: 'overlay', styles: { senkou_a: 'hidden', senkou_b: 'hidden' } },
  donchian: OVERLAY,
  bb: { placement: 'overlay', styles: { percent_b: 'hidden', bandwidth: 'hidden' } },
  kc: OVERLAY,
  vwap: OVERLAY,
  avwap: OVERLAY,
  adx: { placement: 'pane', levels: [25] },
  aroon: { placement: 'pane', styles: { osc: 'hidden' } },
  rsi: { levels: [30, 70] },
  stoch: { levels: [20, 80] },
  stochrsi: { levels: [20, 80] },
  willr: { levels: [-80, -20] },
  cci: { levels: [-100, 100] },
  mfi: { levels: [20, 80] },
  cmo: { levels: [-50, 50] },
  ultosc: { levels: [30, 70] },
  macd: { styles: { histogram: 'histogram' }, levels: [0] },
  ppo: { styles: { histogram: 'histogram' }, levels: [0] },
  ao: { styles: { ao: 'histogram' }, levels: [0] },
  bop: { styles: { bop: 'histogram' }, levels: [0] },
  cvd: { styles: { delta: 'histogram' } },
  mom: { levels: [0] },
  roc: { levels: [0] },
  trix: { levels: [0] },
  adosc: { levels: [0] },
  cmf: { levels: [0] },
  logret: { styles: { logret: 'histogram' }, levels: [0] },
  zscore: { levels: [-2, 2] },
};

/** Trend entries without parameters that are not prices (ADX, Aroon) are listed above. */
function defaultPlacement(definition: IndicatorInfo): Placement {
  return definition.category === 'trend' ? 'overlay' : 'pane';
}

export function lookOf(definition: IndicatorInfo): IndicatorLook {
  const hint = HINTS[definition.name] ?? {};
  return {
    placement: hint.placement ?? defaultPlacement(definition),
    styles: definition.outputs.map((o) => hint.styles?.[o] ?? 'line'),
    levels: hint.levels ?? [],
  };
}
