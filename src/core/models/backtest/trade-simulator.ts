import type { ForecastBar } from '../forecast/forecaster';
import type { Signal } from '../signals/signal';

export interface Costs {
  /** Fee per side, basis points of notional. */
  readonly feeBps: number;
  /** Slippage per side, basis points, always against the trade. */
  readonly slippageBps: number;
}

export interface TradeRecord {
  readonly entryIndex: number;
  readonly exitIndex: number;
  readonly action: 'BUY' | 'SELL';
  /** Net return on the notional after fees and slippage. */
  readonly netReturn: number;
  readonly exit: 'target' | 'stop' | 'horizon';
}

export interface Simulation {
  readonly trades: readonly TradeRecord[];
  /** Equity after each bar (starts at 1), marked to the close while a trade is open. */
  readonly equity: Float64Array;
  /** Bars with an open position. */
  readonly exposureBars: number;
}

/**
 * Trades the BUY/SELL signals one at a time with the whole equity (signals while a trade is open
 * are skipped), entering at the signal bar's close and leaving by the outcome definition's rules:
 * the target or the stop from the next bar on (the stop first when both are in one bar, and at
 * the open when the bar gaps through it), else at the close `horizon` bars later. Slippage moves
 * both fills against the trade; fees are charged on both sides.
 */
export function simulateTrades(
  bars: readonly ForecastBar[],
  signals: readonly (Pick<Signal, 'action' | 'stop' | 'target' | 'horizon'> | null)[],
  costs: Costs,
): Simulation {
  const slip = costs.slippageBps / 10_000;
  const fee = costs.feeBps / 10_000;
  const equity = new Float64Array(bars.length);
  const trades: TradeRecord[] = [];
  let capital = 1;
  let exposureBars = 0;
  let t = 0;
  while (t < bars.length) {
    const s = signals[t];
    equity[t] = capital;
    if (s == null || s.action === 'HOLD' || t + 1 >= bars.length) {
      t++;
      continue;
    }
    const dir = s.action === 'BUY' ? 1 : -1;
    const fillIn = (bars[t] as ForecastBar).close * (1 + dir * slip);
    const afterFee = capital * (1 - fee);
    const last = Math.min(bars.length - 1, t + s.horizon);
    let exitPrice = Number.NaN;
    let exit: TradeRecord['exit'] = 'horizon';
    let j = t + 1;
    for (; j <= last; j++) {
      const bar = bars[j] as ForecastBar;
      const stopHit = dir > 0 ? bar.low <= s.stop : bar.high >= s.stop;
      const targetHit = dir > 0 ? bar.high >= s.target : bar.low <= s.target;
      if (stopHit) {
        const gapped = dir > 0 ? bar.open < s.stop : bar.open > s.stop;
        exitPrice = gapped ? bar.open : s.stop;
        exit = 'stop';
      } else if (targetHit) {
        const gapped = dir > 0 ? bar.open > s.target : bar.open < s.target;
        exitPrice = gapped ? bar.open : s.target;
        exit = 'target';
      }
      if (exit !== 'horizon') break;
      if (j === last) exitPrice = bar.close;
      equity[j] = afterFee * (1 + (dir * (bar.close - fillIn)) / fillIn);
      exposureBars++;
    }
    const exitIndex = Math.min(j, last);
    const fillOut = exitPrice * (1 - dir * slip);
    const gross = (dir * (fillOut - fillIn)) / fillIn;
    capital = afterFee * (1 + gross) * (1 - fee);
    equity[exitIndex] = capital;
    if (exit !== 'horizon') exposureBars++;
    trades.push({
      entryIndex: t,
      exitIndex,
      action: s.action,
      netReturn: (1 - fee) * (1 + gross) * (1 - fee) - 1,
      exit,
    });
    t = exitIndex + 1;
  }
  return { trades, equity, exposureBars };
}
