import type { AlertFiring } from '../firing';

/** A price firing as the engine makes it, for channel and outbox tests. */
export function priceFiring(overrides: Partial<AlertFiring> = {}): AlertFiring {
  return {
    ruleId: 'px-up',
    ruleName: 'BTC above 57000',
    kind: 'price',
    instrument: 'binance-spot:BTCUSDT',
    timeframe: '1m',
    openTimeMs: Date.UTC(2024, 0, 1, 12, 3),
    firedAtMs: Date.UTC(2024, 0, 1, 12, 3, 20),
    value: '57010.5',
    values: { close: '57010.5', level: '57000' },
    priority: 'normal',
    reason: 'close 57010.5 crossed above 57000',
    dedupKey: `px-up|binance-spot:BTCUSDT|1m|${Date.UTC(2024, 0, 1, 12, 3)}`,
    quiet: false,
    intrabar: false,
    ...overrides,
  };
}
