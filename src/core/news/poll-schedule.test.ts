import { describe, expect, it } from 'vitest';
import { PollSchedule } from './poll-schedule';

describe('PollSchedule', () => {
  const general = { kind: 'market', category: 'general' } as const;
  const crypto = { kind: 'market', category: 'crypto' } as const;

  it('spaces calls, repeats each request at its interval and backs off after a 429', () => {
    const s = new PollSchedule({ everyMs: 60_000, spacingMs: 2_000, maxBackoffMs: 300_000 });
    s.setRequests([general, crypto], 0);
    expect(s.due(0).request).toEqual(general);
    // The second waits for the spacing.
    expect(s.due(500)).toEqual({ request: null, waitMs: 1_500 });
    expect(s.due(2_000).request).toEqual(crypto);
    expect(s.done(general, 'ok', 1_000)).toBe(60_000);
    expect(s.done(crypto, 'rate-limited', 2_100)).toBe(120_000);
    expect(s.due(10_000).request).toBeNull();
    expect(s.due(61_000).request).toEqual(general);
    expect(s.done(crypto, 'rate-limited', 122_100)).toBe(240_000);
    expect(s.done(crypto, 'rate-limited', 400_000)).toBe(300_000);
    expect(s.done(crypto, 'ok', 700_000)).toBe(60_000);
  });

  it('calls per minute stay within Finnhub free tier whatever the watch list', () => {
    const s = new PollSchedule();
    const many = Array.from(
      { length: 80 },
      (_, i) => ({ kind: 'company', symbol: `S${i}`, fromMs: 0, toMs: 1 }) as const,
    );
    s.setRequests(many, 0);
    let calls = 0;
    for (let t = 0; t < 60_000; t += 100) {
      const { request } = s.due(t);
      if (request !== null) {
        calls++;
        s.done(request, 'ok', t);
      }
    }
    expect(calls).toBeLessThanOrEqual(30);
    expect(calls).toBeGreaterThan(20);
  });
});
