import { describe, expect, it } from 'vitest';
import { parseDecimal, type Decimal } from '../decimal/decimal';
import { CandleBuilder } from './candle-builder';

const d = (text: string): Decimal => parseDecimal(text) as Decimal;

describe('CandleBuilder.reuse', () => {
  it('leaves a used bar equal, field by field, to a new one', () => {
    const t0 = Date.UTC(2024, 4, 1);
    const used = new CandleBuilder('binance-spot', 'BTCUSDT', '1s', t0);
    used.addTrade(t0 + 5, 7, '64000.10', 64000.1, d('0.5'), d('32000.05'), 'buy');
    // Past 2^53 units: the sums move to the wide path, which reuse must drop as well.
    used.addTrade(t0 + 9, 8, '64000.2', 64000.2, d('98765432109876.54321'), d('6320987654991.1'), 'sell');
    used.closed = true;
    used.pending = 'add';
    const resumed = CandleBuilder.resume(used.toCandle(true));
    const fresh = new CandleBuilder('kraken', 'ETH/USD', '1m', t0 + 60_000);
    expect(used.reuse('kraken', 'ETH/USD', '1m', t0 + 60_000)).toEqual(fresh);
    expect(resumed.reuse('kraken', 'ETH/USD', '1m', t0 + 60_000)).toEqual(fresh);
  });
});
