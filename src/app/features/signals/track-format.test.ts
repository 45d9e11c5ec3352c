import { describe, expect, it } from 'vitest';
import { outcomeKind, outcomeText, recordText, similarText, verdictText } from './track-format';

describe('track record texts', () => {
  it('names the outcome and the bars it took, or that the trade is open', () => {
    const base = { openTimeMs: 0, action: 'BUY' as const, confidence: 0.5, decidedAtMs: 0 };
    expect(outcomeText({ ...base, outcome: { worked: true, reason: 'target', bars: 1 } }, 20)).toBe(
      'worked: target reached after 1 bar',
    );
    expect(outcomeText({ ...base, outcome: { worked: false, reason: 'both', bars: 4 } }, 20)).toBe(
      'failed: stop and target in one bar after 4 bars',
    );
    expect(outcomeText({ ...base, outcome: null, decidedAtMs: null }, 20)).toBe('open: judged within 20 bars');
    expect(outcomeText(undefined, 20)).toBe('outcome not read yet');
    expect(outcomeKind(undefined)).toBe('unread');
    expect(outcomeKind({ ...base, outcome: null, decidedAtMs: null })).toBe('open');
    expect(outcomeKind({ ...base, outcome: { worked: true, reason: 'target', bars: 1 } })).toBe('worked');
    expect(outcomeKind({ ...base, outcome: { worked: false, reason: 'stop', bars: 2 } })).toBe('failed');
  });

  it('puts the hit rate beside the mean confidence', () => {
    expect(recordText({ judged: 8, worked: 3, open: 2, hitRate: 0.375, meanConfidence: 0.52 })).toBe(
      '3 of 8 worked (38 %) at a mean confidence of 52 %; 2 open',
    );
    expect(recordText({ judged: 0, worked: 0, open: 1, hitRate: null, meanConfidence: null })).toBe(
      'no trade judged yet; 1 open',
    );
    expect(similarText({ judged: 0, worked: 0, open: 0, hitRate: null, meanConfidence: null })).toBe(
      'similar earlier trades: none judged by then',
    );
    expect(similarText({ judged: 5, worked: 2, open: 0, hitRate: 0.4, meanConfidence: 0.5 })).toBe(
      'similar earlier trades: 2 of 5 worked',
    );
  });

  it("sets the user's verdicts beside the outcomes, and says nothing with none given", () => {
    const none = { rated: 0, judged: 0, worked: 0 };
    expect(verdictText({ useful: none, notUseful: none })).toBeNull();
    expect(
      verdictText({ useful: { rated: 3, judged: 2, worked: 1 }, notUseful: { rated: 1, judged: 0, worked: 0 } }),
    ).toBe('Your verdicts: 3 rated useful (1 of 2 judged worked); 1 rated not useful (none judged yet)');
    expect(verdictText({ useful: none, notUseful: { rated: 2, judged: 2, worked: 0 } })).toBe(
      'Your verdicts: 2 rated not useful (0 of 2 judged worked)',
    );
  });
});
