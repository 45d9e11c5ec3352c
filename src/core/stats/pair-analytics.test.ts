import { describe, expect, it } from 'vitest';
import { loadPair } from '../../../test/fixtures/stats/stats-fixtures';
import { KalmanHedge } from './kalman-hedge';
import { PairAnalytics } from './pair-analytics';
import { RollingReturnCorrelation } from './rolling-correlation';
import { RollingOls } from './rolling-ols';
import { RollingZScore } from './rolling-zscore';

describe('PairAnalytics', () => {
  it('combines the rolling pieces with the documented warm-up', () => {
    const { a, b } = loadPair('btc-eth-1m-stationary');
    const window = 50;
    const pair = new PairAnalytics({ window });
    const ols = new RollingOls(window);
    const kalman = new KalmanHedge();
    const z = new RollingZScore(window);
    const corr = new RollingReturnCorrelation(window);
    for (let i = 0; i < 400; i++) {
      const ya = a[i] as number;
      const xb = b[i] as number;
      const p = pair.add(ya, xb);
      const h = ols.add(ya, xb);
      const k = kalman.add(ya, xb);
      const spread = h === null ? null : ya - h.beta * xb - h.alpha;
      expect(p.olsBeta).toBe(h?.beta ?? null);
      expect(p.kalmanBeta).toBe(k?.beta ?? null);
      expect(p.spread).toBe(spread);
      expect(p.zscore).toBe(spread === null ? null : z.add(spread));
      expect(p.correlation).toBe(corr.add(ya, xb));
      expect(p.olsBeta === null).toBe(i < window - 1);
      expect(p.zscore === null).toBe(i < 2 * window - 2);
      expect(p.correlation === null).toBe(i < window);
      expect(p.kalmanBeta === null).toBe(i === 0);
    }
  });

  it('replace then add of the same bar gives identical points', () => {
    const { a, b } = loadPair('synthetic-cointegrated');
    const pair = new PairAnalytics({ window: 10, zscoreWindow: 5 });
    for (let i = 0; i < 300; i++) {
      pair.replace((a[i] as number) * 1.01, b[i] as number);
      const preview = pair.replace(a[i] as number, b[i] as number);
      expect(pair.add(a[i] as number, b[i] as number)).toEqual(preview);
    }
  });
});
