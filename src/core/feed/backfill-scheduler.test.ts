import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock';
import { binanceSpotHistoricalTrades } from '../exchange/binance-spot/backfill';
import type { Gap } from '../exchange/integrity/gap';
import { TradeIntegrity } from '../exchange/integrity/trade-integrity';
import type { Trade } from '../exchange/types';
import { BackfillScheduler, DEFAULT_BACKFILL_TIMING, type GapState } from './backfill-scheduler';
import type { HttpResult } from './http';

const T0 = Date.UTC(2026, 0, 5, 12);
const trade = (id: number): Trade => ({
  venue: 'binance-spot',
  symbol: 'BTCUSDT',
  id,
  timeMs: T0 + id,
  price: '100',
  size: '1',
  side: 'buy',
});

/** A Binance historicalTrades endpoint over ids 1..last, with a status script per request. */
function venueRest(last: number, statuses: number[] = []) {
  const urls: string[] = [];
  const fetchText = async (url: string): Promise<HttpResult> => {
    urls.push(url);
    const status = statuses.shift() ?? 200;
    if (status !== 200) return { status, body: '{"code":-1003,"msg":"Too many requests"}' };
    const q = new URL(url).searchParams;
    const from = Number(q.get('fromId'));
    const limit = Number(q.get('limit'));
    const rows = [];
    for (let id = from; id <= Math.min(last, from + limit - 1); id++) {
      rows.push({ id, price: '100', qty: '1', quoteQty: '100', time: T0 + id, isBuyerMaker: false, isBestMatch: true });
    }
    return { status: 200, body: JSON.stringify(rows) };
  };
  return { urls, fetchText };
}

function setup(rest: ReturnType<typeof venueRest>, options: { maxOpenGaps?: number; source?: boolean } = {}) {
  const clock = new FakeClock(T0);
  const outcomes: [number, number, GapState][] = [];
  let scheduler: BackfillScheduler | null = null;
  const integrity = new TradeIntegrity({
    gapRule: 'consecutive',
    maxOpenGaps: options.maxOpenGaps ?? 64,
    onEvent: (e) => {
      if (e.kind === 'gap-open') scheduler?.add(e.gap);
      if (e.kind === 'gap-evict') scheduler?.lost(e.gap);
    },
  });
  const delivered: number[] = [];
  const s = new BackfillScheduler(
    'binance-spot',
    () => (options.source === false ? null : binanceSpotHistoricalTrades),
    'http://mock',
    () => Promise.resolve(),
    {
      clock,
      fetchText: rest.fetchText,
      integrity,
      deliver: (trades) => {
        for (const t of trades) if (integrity.accept(t) !== 'duplicate') delivered.push(t.id!);
      },
      outcome: (gap: Gap, state) => outcomes.push([gap.fromId, gap.toId, state]),
      stopped: () => false,
    },
    { ...DEFAULT_BACKFILL_TIMING, pagePauseMs: 100, rateLimitWaitMs: 1_000 },
  );
  scheduler = s;
  const live = (...ids: number[]) => ids.forEach((id) => integrity.accept(trade(id)));
  return { clock, outcomes, delivered, integrity, scheduler: s, live };
}

describe('BackfillScheduler', () => {
  it('does not count or fetch a hole that reordered trades close within the grace period', async () => {
    const rest = venueRest(10);
    const { clock, outcomes, scheduler, live } = setup(rest);
    live(1, 3, 2, 5, 4, 6);
    await clock.advance(5_000);
    expect(rest.urls).toEqual([]);
    expect(outcomes).toEqual([]);
    expect(scheduler.counts).toEqual({ found: 0, backfilled: 0, unfillable: 0 });
  });

  it('fills many nearby gaps in one pass of pages, each gap settled once', async () => {
    const rest = venueRest(3_000);
    const { clock, outcomes, delivered, integrity, scheduler, live } = setup(rest, { maxOpenGaps: 1_000 });
    // Every tenth id lost over 2,500 trades: 250 gaps within one grace period.
    const ids: number[] = [];
    for (let id = 1; id <= 2_500; id++) if (id % 10 !== 5) ids.push(id);
    live(...ids);
    await clock.advance(10_000);
    expect(integrity.allOpenGaps()).toEqual([]);
    // 2,500 ids from the first hole: three pages of 1,000, not a request per gap.
    expect(rest.urls.map((u) => new URL(u).searchParams.get('fromId'))).toEqual(['5', '1005', '2005']);
    expect(delivered).toEqual(Array.from({ length: 250 }, (_, i) => i * 10 + 5));
    expect(scheduler.counts.backfilled).toBe(scheduler.counts.found);
    expect(outcomes.filter(([, , s]) => s === 'pending')).toHaveLength(scheduler.counts.found);
    expect(outcomes.filter(([, , s]) => s === 'backfilled')).toHaveLength(scheduler.counts.found);
  });

  it('waits out rate limits and still fills the gap', async () => {
    const rest = venueRest(20, [429, 429]);
    const { clock, outcomes, live } = setup(rest);
    live(1, 2, 9, 10);
    await clock.advance(10_000);
    expect(rest.urls).toHaveLength(3);
    expect(outcomes).toEqual([
      [3, 8, 'pending'],
      [3, 8, 'backfilled'],
    ]);
  });

  it('records the gap unfillable when the venue errors, and without a usable source', async () => {
    const rest = venueRest(20, [500]);
    const failing = setup(rest);
    failing.live(1, 5);
    await failing.clock.advance(5_000);
    expect(failing.outcomes).toEqual([
      [2, 4, 'pending'],
      [2, 4, 'unfillable'],
    ]);
    const none = setup(venueRest(20), { source: false });
    none.live(1, 5);
    await none.clock.advance(5_000);
    expect(none.outcomes.at(-1)).toEqual([2, 4, 'unfillable']);
    expect(none.scheduler.counts).toEqual({ found: 1, backfilled: 0, unfillable: 1 });
  });

  it('counts a gap forgotten by the integrity stage while it waited as unfillable', async () => {
    const rest = venueRest(100, [500]);
    const { clock, outcomes, live } = setup(rest, { maxOpenGaps: 1 });
    live(1, 3, 5); // 2 opens, then 4 opens and evicts 2
    await clock.advance(5_000);
    expect(outcomes.filter(([, , s]) => s === 'unfillable').map(([from]) => from)).toEqual([2, 4]);
  });
});
