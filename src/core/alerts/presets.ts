import type { DivergenceRule } from './rule';

/**
 * Seed 004: BTC and ETH diverging by more than 0.5 % within 60 s, judged on 1 s bars so the
 * trailing minute moves with every second. The app offers it with the instruments on screen.
 */
export function divergencePreset(
  a: DivergenceRule['a'] = 'binance-spot:BTCUSDT',
  b: DivergenceRule['b'] = 'binance-spot:ETHUSDT',
): DivergenceRule {
  return {
    id: `divergence-${a}-${b}`.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 64),
    name: `${a} / ${b} diverge > 0.5 % in 60 s`,
    kind: 'divergence',
    a,
    b,
    pct: 0.5,
    windowMs: 60_000,
    timeframe: '1s',
    trigger: 'every-time',
    cooldownMs: 60_000,
    priority: 'normal',
  };
}
