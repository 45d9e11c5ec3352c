import type { ForecastBar } from '../forecast/forecaster';

/** How a BUY or SELL issued at the close of a bar ended, by the one outcome definition. */
export type OutcomeReason = 'target' | 'stop' | 'both' | 'close-up' | 'close-down' | 'close-flat';

export interface SignalOutcome {
  readonly worked: boolean;
  readonly reason: OutcomeReason;
  /** Bars after the signal bar at which the outcome was decided (1..horizon). */
  readonly bars: number;
}

export interface OutcomeTrade {
  readonly action: 'BUY' | 'SELL';
  readonly entry: number;
  readonly stop: number;
  readonly target: number;
}

/**
 * The outcome definition used everywhere (calibration, track record, backtest). A BUY (SELL)
 * issued at the close of bar t worked if, from bar t+1 on and within `horizon` bars, the bar high
 * (low) reaches the target before the bar low (high) reaches the stop; both in the same bar is a
 * failure; neither is judged by the sign of the close `horizon` bars later against the entry (a
 * flat close is a failure: the trade made nothing). `after` are the bars from t+1 on; returns null
 * while fewer than `horizon` bars are known and nothing has been touched yet.
 */
export function judgeSignal(
  trade: OutcomeTrade,
  after: readonly Pick<ForecastBar, 'high' | 'low' | 'close'>[],
  horizon: number,
): SignalOutcome | null {
  const buy = trade.action === 'BUY';
  const n = Math.min(horizon, after.length);
  for (let i = 0; i < n; i++) {
    const bar = after[i] as Pick<ForecastBar, 'high' | 'low' | 'close'>;
    const hitTarget = buy ? bar.high >= trade.target : bar.low <= trade.target;
    const hitStop = buy ? bar.low <= trade.stop : bar.high >= trade.stop;
    if (hitTarget && hitStop) return { worked: false, reason: 'both', bars: i + 1 };
    if (hitTarget) return { worked: true, reason: 'target', bars: i + 1 };
    if (hitStop) return { worked: false, reason: 'stop', bars: i + 1 };
  }
  if (after.length < horizon) return null;
  const close = (after[horizon - 1] as Pick<ForecastBar, 'close'>).close;
  const move = buy ? close - trade.entry : trade.entry - close;
  if (move > 0) return { worked: true, reason: buy ? 'close-up' : 'close-down', bars: horizon };
  return { worked: false, reason: move < 0 ? (buy ? 'close-down' : 'close-up') : 'close-flat', bars: horizon };
}
