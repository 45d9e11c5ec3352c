import { describe, expect, it } from 'vitest';
import { similarRecord, trackRecordOf, verdictRecordOf, type JudgedTrade } from './track-record';

const MIN = 60_000;
function trade(
  minute: number,
  action: 'BUY' | 'SELL',
  confidence: number,
  worked: boolean | null,
  after = 3,
): JudgedTrade {
  return {
    openTimeMs: minute * MIN,
    action,
    confidence,
    outcome: worked === null ? null : { worked, reason: worked ? 'target' : 'stop', bars: after },
    decidedAtMs: worked === null ? null : (minute + after) * MIN,
  };
}

describe('track record', () => {
  it('counts judged, worked and open trades; the hit rate sits beside the mean confidence of the judged', () => {
    const r = trackRecordOf([trade(0, 'BUY', 0.6, true), trade(5, 'SELL', 0.4, false), trade(9, 'BUY', 0.9, null)]);
    expect(r).toEqual({ judged: 2, worked: 1, open: 1, hitRate: 0.5, meanConfidence: 0.5 });
    expect(trackRecordOf([])).toEqual({ judged: 0, worked: 0, open: 0, hitRate: null, meanConfidence: null });
  });

  it('similar trades: same action, confidence within ±0.1, issued earlier, judged only if decided by then', () => {
    const trades = [
      trade(0, 'BUY', 0.55, true), // decided at minute 3: known at 20
      trade(2, 'BUY', 0.62, false, 30), // decided at minute 32: still open at 20
      trade(4, 'BUY', 0.8, true), // confidence too far
      trade(6, 'SELL', 0.6, true), // other action
      trade(8, 'BUY', 0.5, false, 12), // decided at minute 20, the same close: known
      trade(25, 'BUY', 0.6, true), // later
    ];
    const r = similarRecord({ openTimeMs: 20 * MIN, action: 'BUY', confidence: 0.6 }, trades);
    expect(r).toEqual({ judged: 2, worked: 1, open: 1, hitRate: 0.5, meanConfidence: 0.525 });
  });

  it("tallies the user's verdicts by outcome: rated, decided and worked, open trades not judged", () => {
    const worked = { worked: true, reason: 'target', bars: 2 } as const;
    const failed = { worked: false, reason: 'stop', bars: 1 } as const;
    expect(
      verdictRecordOf([
        { useful: true, outcome: worked },
        { useful: true, outcome: null },
        { useful: true, outcome: failed },
        { useful: false, outcome: worked },
      ]),
    ).toEqual({ useful: { rated: 3, judged: 2, worked: 1 }, notUseful: { rated: 1, judged: 1, worked: 1 } });
    expect(verdictRecordOf([])).toEqual({
      useful: { rated: 0, judged: 0, worked: 0 },
      notUseful: { rated: 0, judged: 0, worked: 0 },
    });
  });
});
