import { describe, expect, it } from 'vitest';
import { CollectingSink } from './collecting-sink';
import { LIVE_VENUES, VENUE_PROFILES } from './registry';

/** The frames an audit found escaping as exceptions, named; the fuzz test covers the rest. */
const DEEP = 5_000;
const deepArray = '['.repeat(DEEP) + ']'.repeat(DEEP);
const deepObject = '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);

const HOSTILE: readonly string[] = [
  '{"id":1,"error":{"code":{"toString":1}}}',
  '{"id":1,"error":{"code":1,"msg":{"valueOf":1,"toString":1}}}',
  '{"id":1,"error":[{"toString":1}]}',
  `{"id":1,"error":${deepArray}}`,
  `{"id":1,"error":{"code":${deepObject},"msg":"x"}}`,
  `{"e":${deepArray}}`,
  `{"e":"trade","s":"BTCUSDT","t":1,"T":1700000000000,"m":true,"p":${deepObject},"q":"1"}`,
  `{"e":"aggTrade","s":"BTCUSDT","a":1,"T":1700000000000,"m":true,"p":"1","q":"1","X":{"toString":1}}`,
  `{"type":${deepArray}}`,
  `{"type":"match","product_id":"BTC-USD","trade_id":1,"side":${deepObject}}`,
  `{"channel":${deepObject}}`,
  `{"channel":"trade","data":[{"symbol":"BTC/USD","trade_id":1,"side":${deepArray}}]}`,
  `{"topic":"publicTrade.BTCUSDT","data":[{"s":"BTCUSDT","T":1,"S":${deepArray}}]}`,
  `{"op":${deepObject}}`,
  `{"event":"error","msg":${deepObject},"arg":{"instId":${deepArray}}}`,
  `{"arg":{"channel":${deepArray}}}`,
  `{"event":"trade","channel":"live_trades_btcusd","data":{"type":${deepObject}}}`,
  `{"event":${deepArray}}`,
  `{"type":"trade","data":[{"s":"AAPL","t":1,"p":${deepArray}}]}`,
  '{"__proto__":{"toString":1},"toString":1,"valueOf":1,"toJSON":1}',
];

describe('hostile frames', () => {
  for (const venue of LIVE_VENUES) {
    it(`${venue} parses each without throwing and accounts for it`, () => {
      const profile = VENUE_PROFILES[venue];
      for (const frame of HOSTILE) {
        const sink = new CollectingSink();
        expect(() => profile.parse(frame, 1_700_000_000_000, sink), frame.slice(0, 80)).not.toThrow();
        // Every frame leaves a trace: a reject, a control (venue errors), never silence.
        expect(sink.rejects.length + sink.controls.length + sink.trades.length, frame.slice(0, 80)).toBeGreaterThan(0);
        for (const r of sink.rejects) expect(r.detail.length).toBeLessThan(400);
      }
    });
  }
});
