import { describe, expect, it } from 'vitest';
import type { Trade, VenueId } from '../types';
import { formatGap, gapSize } from './gap';
import { TradeIntegrity, type IntegrityEvent } from './trade-integrity';

function t(id: number, timeMs = 1_700_000_000_000 + id, extra: Partial<Trade> = {}): Trade {
  return { venue: 'kraken', symbol: 'BTC/USD', id, timeMs, price: '1', size: '1', side: 'buy', ...extra };
}

function stage(
  gapRule: 'consecutive' | 'monotonic' | 'none' = 'consecutive',
  opts: { maxOpenGaps?: number; dedupeWindow?: number } = {},
) {
  const events: IntegrityEvent[] = [];
  const integrity = new TradeIntegrity({ gapRule, ...opts, onEvent: (e) => events.push(e) });
  return { integrity, events };
}

describe('TradeIntegrity (consecutive ids)', () => {
  it('passes a contiguous run through as new', () => {
    const { integrity, events } = stage();
    expect([1, 2, 3, 4].map((id) => integrity.accept(t(id)))).toEqual(['new', 'new', 'new', 'new']);
    expect(events).toEqual([]);
    expect(integrity.lastId('kraken', 'BTC/USD')).toBe(4);
  });

  it('opens a gap with the missing ids inclusive and the bordering times', () => {
    const { integrity, events } = stage();
    integrity.accept(t(12345, 1000));
    expect(integrity.accept(t(12348, 2000))).toBe('new');
    const gap = { venue: 'kraken', symbol: 'BTC/USD', fromId: 12346, toId: 12347, fromTimeMs: 1000, toTimeMs: 2000 };
    expect(events).toEqual([{ kind: 'gap-open', gap, cause: 'ids' }]);
    expect(integrity.openGaps('kraken', 'BTC/USD')).toEqual([gap]);
    expect(gapSize(gap as never)).toBe(2);
    expect(formatGap(gap as never)).toBe('BTC/USD 12346-12347 (2 missing)');
  });

  it('drops duplicates and accepts out-of-order trades that fill a gap', () => {
    const { integrity, events } = stage();
    integrity.accept(t(10, 100));
    integrity.accept(t(13, 130));
    expect(integrity.accept(t(13, 130))).toBe('duplicate');
    expect(integrity.accept(t(10, 100))).toBe('duplicate');
    expect(integrity.accept(t(12, 120))).toBe('late');
    expect(integrity.openGaps('kraken', 'BTC/USD')).toEqual([
      { venue: 'kraken', symbol: 'BTC/USD', fromId: 11, toId: 11, fromTimeMs: 100, toTimeMs: 120 },
    ]);
    expect(integrity.accept(t(12, 120))).toBe('duplicate');
    expect(integrity.accept(t(11, 110))).toBe('late');
    expect(integrity.openGaps('kraken', 'BTC/USD')).toEqual([]);
    expect(events.map((e) => e.kind)).toEqual(['gap-open', 'gap-fill', 'gap-fill']);
    const last = events[2] as Extract<IntegrityEvent, { kind: 'gap-fill' }>;
    expect(last.remaining).toEqual([]);
    expect(integrity.stats).toMatchObject({ new: 2, late: 2, duplicate: 3, gapsOpened: 1, gapsClosed: 1 });
  });

  it('splits a gap when a trade arrives in its middle (backfill page order)', () => {
    const { integrity, events } = stage();
    integrity.accept(t(100, 1000));
    integrity.accept(t(110, 2000));
    expect(integrity.accept(t(105, 1500))).toBe('late');
    const fill = events[1] as Extract<IntegrityEvent, { kind: 'gap-fill' }>;
    expect(fill.remaining.map((g) => [g.fromId, g.toId, g.fromTimeMs, g.toTimeMs])).toEqual([
      [101, 104, 1000, 1500],
      [106, 109, 1500, 2000],
    ]);
    // A backfill page covering the rest closes both.
    for (let id = 101; id <= 109; id++) if (id !== 105) expect(integrity.accept(t(id, 1000 + id))).toBe('late');
    expect(integrity.openGaps('kraken', 'BTC/USD')).toEqual([]);
    expect(integrity.stats.gapsClosed).toBe(2);
  });

  it('dedupes a reconnect snapshot that overlaps what we hold and fills the hole it covers', () => {
    const { integrity } = stage();
    for (const id of [46, 47]) integrity.accept(t(id));
    integrity.accept(t(50)); // gap 48-49 while disconnected
    const snapshot = [45, 46, 47, 48, 49, 50, 51].map((id) => integrity.accept(t(id)));
    // 45 predates our first trade: older history, accepted as late.
    expect(snapshot).toEqual(['late', 'duplicate', 'duplicate', 'late', 'late', 'duplicate', 'new']);
    expect(integrity.openGaps('kraken', 'BTC/USD')).toEqual([]);
  });

  it('covers firstId..id ranges (OKX count)', () => {
    const { integrity, events } = stage();
    expect(integrity.accept(t(474, 1, { firstId: 472 }))).toBe('new');
    expect(integrity.accept(t(475, 2))).toBe('new');
    expect(integrity.accept(t(479, 3, { firstId: 478 }))).toBe('new');
    expect(integrity.openGaps('kraken', 'BTC/USD').map((g) => [g.fromId, g.toId])).toEqual([[476, 477]]);
    expect(integrity.accept(t(477, 2, { firstId: 476 }))).toBe('late');
    expect(integrity.accept(t(474, 1, { firstId: 472 }))).toBe('duplicate');
    expect(events.map((e) => e.kind)).toEqual(['gap-open', 'gap-fill']);
  });

  it('detects an id reset: a newer trade with an id we already passed', () => {
    const { integrity, events } = stage();
    integrity.accept(t(5000, 1000));
    integrity.accept(t(5003, 1003)); // gap 5001-5002
    expect(integrity.accept(t(1, 2000))).toBe('new');
    expect(events.map((e) => e.kind)).toEqual(['gap-open', 'gap-evict', 'id-reset']);
    expect(events[2]).toMatchObject({ previousId: 5003, id: 1 });
    expect(integrity.accept(t(2, 2001))).toBe('new');
    expect(integrity.accept(t(1, 2000))).toBe('duplicate');
    expect(integrity.openGaps('kraken', 'BTC/USD')).toEqual([]);
  });

  it('reads an old id at an old time as a duplicate, not a reset', () => {
    const { integrity, events } = stage();
    integrity.accept(t(10, 1000));
    integrity.accept(t(11, 1001));
    expect(integrity.accept(t(10, 1000))).toBe('duplicate');
    expect(events).toEqual([]);
  });

  it('opens a gap from a heartbeat naming a newer id (Coinbase last_trade_id)', () => {
    const { integrity, events } = stage();
    integrity.observeLastId('coinbase', 'BTC-USD', 50, 999); // no baseline yet: ignored
    integrity.accept(t(10, 100, { venue: 'coinbase', symbol: 'BTC-USD' }));
    integrity.observeLastId('coinbase', 'BTC-USD', 10, 150); // in step
    integrity.observeLastId('coinbase', 'BTC-USD', 13, 200);
    expect(events).toEqual([
      {
        kind: 'gap-open',
        cause: 'heartbeat',
        gap: { venue: 'coinbase', symbol: 'BTC-USD', fromId: 11, toId: 13, fromTimeMs: 100, toTimeMs: 200 },
      },
    ]);
    expect(integrity.accept(t(14, 300, { venue: 'coinbase', symbol: 'BTC-USD' }))).toBe('new');
    expect(integrity.accept(t(12, 180, { venue: 'coinbase', symbol: 'BTC-USD' }))).toBe('late');
    expect(integrity.openGaps('coinbase', 'BTC-USD').map((g) => [g.fromId, g.toId])).toEqual([
      [11, 11],
      [13, 13],
    ]);
  });

  it('keeps instruments and venues apart', () => {
    const { integrity } = stage();
    const other = (id: number) => t(id, id, { symbol: 'ETH/USD' });
    const venue = (id: number) => t(id, id, { venue: 'coinbase' as VenueId });
    integrity.accept(t(1));
    expect(integrity.accept(other(1))).toBe('new');
    expect(integrity.accept(venue(1))).toBe('new');
    expect(integrity.accept(t(1))).toBe('duplicate');
    integrity.reset('kraken', 'BTC/USD');
    expect(integrity.accept(t(1))).toBe('new');
    integrity.reset('kraken');
    expect(integrity.accept(other(1))).toBe('new');
  });

  it('bounds memory: the oldest open gap is evicted past maxOpenGaps', () => {
    const { integrity, events } = stage('consecutive', { maxOpenGaps: 3 });
    for (let i = 0; i < 6; i++) integrity.accept(t(i * 10));
    const open = integrity.openGaps('kraken', 'BTC/USD');
    expect(open.map((g) => g.fromId)).toEqual([21, 31, 41]);
    expect(
      events.filter((e) => e.kind === 'gap-evict').map((e) => (e.kind === 'gap-evict' ? e.gap.fromId : 0)),
    ).toEqual([1, 11]);
    expect(integrity.stats.gapsEvicted).toBe(2);
  });

  it('handles a long tape in linear time', () => {
    const { integrity } = stage();
    const start = performance.now();
    let late = 0;
    for (let id = 1; id <= 200_000; id++) {
      // every 1000th trade arrives one step late
      if (id % 1000 === 0) continue;
      integrity.accept(t(id, id));
      if (id % 1000 === 1 && id > 1) late += integrity.accept(t(id - 1, id - 1)) === 'late' ? 1 : 0;
    }
    expect(late).toBe(199);
    expect(integrity.allOpenGaps()).toEqual([]);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('TradeIntegrity (monotonic and none)', () => {
  it('dedupes within a window and accepts out-of-order ids', () => {
    const { integrity, events } = stage('monotonic', { dedupeWindow: 4 });
    expect(integrity.accept(t(100))).toBe('new');
    expect(integrity.accept(t(110))).toBe('new');
    expect(integrity.accept(t(110))).toBe('duplicate');
    expect(integrity.accept(t(105))).toBe('late');
    expect(integrity.accept(t(120))).toBe('new');
    expect(integrity.accept(t(130))).toBe('new'); // evicts 100
    expect(integrity.accept(t(100))).toBe('out-of-window');
    expect(integrity.accept(t(99))).toBe('out-of-window');
    expect(events).toEqual([]);
  });

  it('passes everything through without ids or with rule none', () => {
    const { integrity } = stage('none');
    expect(integrity.accept(t(1))).toBe('new');
    expect(integrity.accept(t(1))).toBe('new');
    const consecutive = stage().integrity;
    const noId: Trade = { venue: 'finnhub', symbol: 'AAPL', timeMs: 1, price: '1', size: '1', side: 'unknown' };
    expect(consecutive.accept(noId)).toBe('new');
    expect(consecutive.accept(noId)).toBe('new');
  });
});
