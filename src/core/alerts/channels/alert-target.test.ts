import { describe, expect, it } from 'vitest';
import { alertTarget, alertTargetFromQuery, alertTargetOf } from './alert-target';

describe('alert target', () => {
  it('round-trips through notification data and the query of the window it opens', () => {
    const t = alertTarget('binance-spot:BTCUSDT', '1m', 1_704_067_260_000, 'px-up')!;
    expect(t.url).toBe('/?show=binance-spot%3ABTCUSDT&tf=1m&bar=1704067260000&rule=px-up');
    expect(alertTargetOf(JSON.parse(JSON.stringify(t)))).toEqual(t);
    expect(alertTargetFromQuery(new URL(t.url, 'http://x').searchParams)).toEqual(t);
  });

  it('refuses what the app cannot show, whatever a link or a stored notification carries', () => {
    expect(alertTarget('BTCUSDT', '1m', 0, 'r')).toBeNull();
    expect(alertTarget('binance-spot:BTCUSDT', '2m', 0, 'r')).toBeNull();
    expect(alertTarget('binance-spot:BTCUSDT', '1m', -1, 'r')).toBeNull();
    expect(alertTarget('binance-spot:BTCUSDT', '1m', 1.5, 'r')).toBeNull();
    expect(alertTargetOf(null)).toBeNull();
    expect(
      alertTargetOf({ instrument: 'binance-spot:BTCUSDT', timeframe: '1m', barOpenMs: '5', ruleId: 'r' }),
    ).toBeNull();
    expect(alertTargetFromQuery(new URLSearchParams('show=binance-spot:BTCUSDT&tf=1m&bar=1e9'))).toBeNull();
    expect(alertTargetFromQuery(new URLSearchParams('feed=demo'))).toBeNull();
  });
});
