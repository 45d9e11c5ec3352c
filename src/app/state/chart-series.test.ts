import { describe, expect, it } from 'vitest';
import { chartTitle, seriesFor } from './chart-series';

describe('chart series and title', () => {
  it('on live data the chart shows the selected instrument', () => {
    const series = seriesFor('kraken:BTC/USD', 'live');
    expect(series).toEqual({ venue: 'kraken', symbol: 'BTC/USD' });
    expect(chartTitle('kraken:BTC/USD', series, '1m')).toEqual({ title: 'BTC/USD · Kraken · 1m', subtitle: null });
  });

  it('on demo data the title names the demo series and what it stands in for', () => {
    const series = seriesFor('kraken:BTC/USD', 'demo');
    expect(series).toEqual({ venue: 'demo', symbol: 'BTCUSDT' });
    const { title, subtitle } = chartTitle('kraken:BTC/USD', series, '5m');
    expect(title).toBe('BTCUSDT · Demo · 5m');
    expect(subtitle).toBe('simulated market standing in for BTC/USD · Kraken');
  });
});
