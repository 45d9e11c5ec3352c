import type { ParamDefinition } from './params';

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
