import { describe, expect, it } from 'vitest';
import type { WebhookChannel } from './channel-config';
import {
  afterAttempt,
  dueDeliveries,
  enqueue,
  mergeOutbox,
  nextDueMs,
  RETRY_DELAYS_MS,
  retryNow,
  SENT_KEPT,
} from './outbox';
import { priceFiring } from './test-firing';

const hook = (id: string, extra: Partial<WebhookChannel> = {}): WebhookChannel => ({
  id,
  label: id,
  kind: 'webhook',
  url: `https://${id}.example/x`,
  enabled: true,
  confirmedOrigin: `https://${id}.example`,
  minPriority: 'normal',
  ...extra,
});

describe('channel outbox', () => {
  it('queues one delivery per confirmed, enabled channel wanting the priority, once', () => {
    const channels = [
      hook('a'),
      hook('b', { confirmedOrigin: '' }),
      hook('c', { enabled: false }),
      hook('d', { minPriority: 'critical' }),
    ];
    const firing = priceFiring();
    const once = enqueue([], firing, channels, 1000);
    expect(once.map((d) => d.channelId)).toEqual(['a']);
    expect(enqueue(once, firing, channels, 2000)).toHaveLength(1);
    expect(enqueue([], priceFiring({ priority: 'critical' }), channels, 0).map((d) => d.channelId)).toEqual(['a', 'd']);
    expect(enqueue([], priceFiring({ quiet: true }), channels, 0)).toEqual([]);
  });

  it('retries each failure after its backoff, then gives up visibly; a manual retry starts over', () => {
    let d = enqueue([], priceFiring(), [hook('a')], 0)[0]!;
    let now = 0;
    for (const wait of RETRY_DELAYS_MS) {
      expect(dueDeliveries([d], now)).toHaveLength(1);
      d = afterAttempt(d, { ok: false, error: 'HTTP 500' }, now);
      expect(d).toMatchObject({ status: 'pending', lastError: 'HTTP 500', nextAtMs: now + wait });
      expect(dueDeliveries([d], now + wait - 1)).toHaveLength(0);
      now += wait;
    }
    d = afterAttempt(d, { ok: false, error: 'refused by the browser (CORS or network)' }, now);
    expect(d.status).toBe('failed');
    expect(d.attempts).toBe(RETRY_DELAYS_MS.length + 1);
    expect(nextDueMs([d])).toBeNull();
    d = retryNow(d, now + 5);
    expect(dueDeliveries([d], now + 5)).toHaveLength(1);
    expect(afterAttempt(d, { ok: true }, now + 6)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
  });

  it('honours a longer retry-after, and keeps the newest sent deliveries only', () => {
    const d = enqueue([], priceFiring(), [hook('a')], 0)[0]!;
    expect(afterAttempt(d, { ok: false, error: 'HTTP 429', retryAfterMs: 30_000 }, 100).nextAtMs).toBe(30_100);
    const many = Array.from({ length: SENT_KEPT + 5 }, (_, i) => ({
      ...d,
      id: `k${i}`,
      status: 'sent' as const,
      lastAttemptMs: i,
    }));
    const kept = mergeOutbox([...many, d], []);
    expect(kept).toHaveLength(SENT_KEPT + 1);
    expect(kept.some((x) => x.id === 'k0')).toBe(false);
    expect(kept.some((x) => x.id === d.id)).toBe(true);
  });
});
