import type { TimeframeId } from '../candles/timeframe';
import type { InstrumentKey } from '../exchange/types';
import type { AlertBar } from './input';

/** Hand-made bars for the alert tests: one per close, a minute apart, from 2024-01-01 00:00 UTC. */
export const T0 = Date.UTC(2024, 0, 1);
export const MINUTE = 60_000;

export interface BarOptions {
  readonly key?: InstrumentKey;
  readonly timeframe?: TimeframeId;
  readonly volume?: number;
  readonly trades?: number;
  readonly closed?: boolean;
  readonly atMs?: number;
}

export function bar(i: number, close: number | string, o: BarOptions = {}): AlertBar {
  const c = Number(close);
  return {
    type: 'bar',
    key: o.key ?? 'binance-spot:BTCUSDT',
    timeframe: o.timeframe ?? '1m',
    openTimeMs: T0 + i * MINUTE,
    open: c,
    high: c,
    low: c,
    close: c,
    closeText: String(close),
    volume: o.volume ?? 1,
    trades: o.trades ?? 1,
    closed: o.closed ?? true,
    ...(o.atMs !== undefined ? { atMs: o.atMs } : {}),
  };
}

export function bars(closes: readonly (number | string)[], o: BarOptions = {}): AlertBar[] {
  return closes.map((c, i) => bar(i, c, o));
}
