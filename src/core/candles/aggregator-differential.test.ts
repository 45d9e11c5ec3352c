import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../demo/rng';
import type { TakerSide, Trade, VenueId } from '../exchange/types';
import { validateTrade, type PricedTrade } from '../exchange/validate';
import { CandleAggregator } from './aggregator';
import type { Candle, CandleUpdate } from './candle';
import { ReferenceAggregator } from './reference-aggregator';
import { TIMEFRAMES, type TimeframeId } from './timeframe';

/**
 * The aggregator against the implementation it replaced (`reference-aggregator.ts`), on seeded
 * streams built to reach every path: several instruments, trades out of order inside and beyond
 * the lateness window, re-sent trades, ties in time, trades without ids or side, sizes from 1e-12
 * to past 2^53 units, a size scale change mid-stream, prices whose products need more than 15
 * decimals. Every `add` verdict, `isTooLate` answer and drained update must be identical — the
 * same updates in the same order with the same text, down to the keys' order (compared as JSON).
 */

const NOW = Date.UTC(2030, 0, 1);
const LATENESS_MS = 15 * 60_000;

interface Instrument {
  readonly venue: VenueId;
  readonly symbol: string;
  readonly ids: boolean;
  readonly side: boolean;
  /** Price mantissa (integer) and its decimals. */
  units: number;
  readonly priceScale: number;
  nextId: number;
}

function instruments(): Instrument[] {
  return [
    { venue: 'binance-spot', symbol: 'BTCUSDT', ids: true, side: true, units: 6_400_000, priceScale: 2, nextId: 1 },
    { venue: 'binance-spot', symbol: 'ETHUSDT', ids: true, side: true, units: 340_000, priceScale: 2, nextId: 5e9 },
    // Eight-decimal prices: a product with a nine-decimal size needs 17 decimals (the wide path).
    { venue: 'kraken', symbol: 'SHIB/USD', ids: false, side: true, units: 1_234, priceScale: 8, nextId: 0 },
    { venue: 'finnhub', symbol: 'AAPL', ids: false, side: false, units: 1_905_000, priceScale: 4, nextId: 0 },
    { venue: 'demo', symbol: 'BIG', ids: true, side: true, units: 98_765_432_109, priceScale: 3, nextId: 1 },
  ];
}

/** Decimal text of `units / 10^scale`, with `pad` extra trailing zeros as venues often send. */
function text(units: number | bigint, scale: number, pad = 0): string {
  let digits = units.toString().padStart(scale + 1, '0');
  if (scale > 0) digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  if (pad > 0) digits = (scale > 0 ? digits : `${digits}.`) + '0'.repeat(pad);
  return digits;
}

function randomSize(random: () => number, late: boolean): string {
  const r = random();
  // Past 2^53 units: a bigint from the start, and sums that leave the double path.
  if (r < 0.01) return text(9_007_199_254_740_993n + BigInt(Math.floor(random() * 1e6)), 6);
  if (r < 0.02) return text(1 + Math.floor(random() * 999), 12); // 1e-12 .. 1e-9
  if (r < 0.05) return text(Math.floor(random() * 9e12) + 1, 2); // 13 digits: sums near 2^53 soon
  // The size scale changes mid-stream: 0–3 decimals first, then 5–9.
  const scale = late ? 5 + Math.floor(random() * 5) : Math.floor(random() * 4);
  const units = 1 + Math.floor(random() ** 3 * 10 ** (scale + 2));
  return text(units, scale, random() < 0.2 ? Math.floor(random() * 4) : 0);
}

function makeTrade(random: () => number, inst: Instrument, timeMs: number, late: boolean, id?: number): Trade {
  inst.units = Math.max(1, inst.units + Math.round((random() - 0.5) * inst.units * 0.002));
  // The same price as text with and without trailing zeros: equal doubles, different text.
  const price = text(inst.units, inst.priceScale, random() < 0.1 ? 2 : 0);
  const side: TakerSide = !inst.side ? 'unknown' : random() < 0.5 ? 'buy' : 'sell';
  const trade: Trade = {
    venue: inst.venue,
    symbol: inst.symbol,
    timeMs,
    price,
    size: randomSize(random, late),
    side,
  };
  return inst.ids ? { ...trade, id: id ?? inst.nextId++ } : trade;
}

function priced(t: Trade): PricedTrade {
  const v = validateTrade(t, NOW);
  if (!v.ok) throw new Error(`${v.reason}: ${v.detail}`);
  return v.value;
}

interface Stats {
  updates: number;
  tooLate: number;
  wideTexts: number;
}

/** Feeds both aggregators the same stream and expects every observable step to match. */
function compareStreams(seed: number, timeframes: readonly TimeframeId[], count: number, stored?: Candle[]): Stats {
  const random = mulberry32(seed);
  const options = { timeframes, latenessMs: LATENESS_MS };
  const mine = new CandleAggregator(options);
  const ref = new ReferenceAggregator(options);
  if (stored !== undefined) {
    mine.resume(stored);
    ref.resume(stored);
  }
  const stats: Stats = { updates: 0, tooLate: 0, wideTexts: 0 };
  const check = (a: CandleUpdate[], b: CandleUpdate[]) => {
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    stats.updates += a.length;
    for (const u of a) if (u.candle.quoteVolume.replace('.', '').length > 16) stats.wideTexts++;
  };
  const insts = instruments();
  const sent: Trade[] = [];
  let clock = Date.UTC(2024, 0, 1, 23, 50);
  for (let i = 0; i < count; i++) {
    const inst = insts[Math.floor(random() * insts.length)] as Instrument;
    const r = random();
    // Mostly forward in small steps (some in the same millisecond), now and then a quiet spell.
    clock += r < 0.1 ? 0 : r < 0.995 ? Math.floor(random() * 400) : Math.floor(random() * 3_600_000);
    let trade: Trade;
    const kind = random();
    if (kind < 0.03 && sent.length > 0) {
      trade = sent[Math.floor(random() * sent.length)] as Trade; // re-sent
    } else if (kind < 0.08) {
      // Out of order inside the lateness window, with an older id as a backfill would have.
      const back = Math.floor(random() * (LATENESS_MS - 1_000));
      trade = makeTrade(
        random,
        inst,
        clock - back,
        i > count / 2,
        Math.max(0, inst.nextId - 1 - Math.floor(random() * 50)),
      );
    } else if (kind < 0.1) {
      // Around and beyond the lateness window's edge.
      const back = LATENESS_MS - 5_000 + Math.floor(random() * 3 * LATENESS_MS);
      trade = makeTrade(
        random,
        inst,
        clock - back,
        i > count / 2,
        Math.max(0, inst.nextId - 1 - Math.floor(random() * 500)),
      );
    } else {
      trade = makeTrade(random, inst, clock, i > count / 2);
    }
    if (sent.length < 5_000) sent.push(trade);
    else sent[Math.floor(random() * sent.length)] = trade;
    expect(mine.isTooLate(trade)).toBe(ref.isTooLate(trade));
    const p = priced(trade);
    const verdict = mine.add(p);
    expect(verdict).toBe(ref.add(p));
    if (verdict === 'too-late') stats.tooLate++;
    const next = random();
    if (next < 0.02) check(mine.drain(), ref.drain());
    else if (next < 0.025) {
      // The wall clock closes bars too (a little ahead of the trades, as the feed's timer does).
      const wall = clock + Math.floor(random() * 3_000);
      mine.advanceTo(wall);
      ref.advanceTo(wall);
    }
  }
  check(mine.drain(), ref.drain());
  check(mine.finish(), ref.finish());
  return stats;
}

describe('CandleAggregator against the reference implementation', () => {
  it.each([1, 2, 3, 4, 5])('emits identical updates on all nine timeframes (seed %i)', (seed) => {
    const stats = compareStreams(seed, TIMEFRAMES, 12_000);
    // The stream reached what it was built for: many updates, refusals, sums past 16 digits.
    expect(stats.updates).toBeGreaterThan(20_000);
    expect(stats.tooLate).toBeGreaterThan(50);
    expect(stats.wideTexts).toBeGreaterThan(100);
  });

  it.each<[string, TimeframeId[]]>([
    ['1m', ['1m']],
    ['5s 1h', ['5s', '1h']],
    ['1d 1s', ['1d', '1s']],
  ])('emits identical updates on %s', (_name, timeframes) => {
    expect(compareStreams(11, timeframes, 8_000).updates).toBeGreaterThan(1_000);
  });

  it('resumes stored bars identically (forming and closed, as after a reload)', () => {
    // Bars of a first stream, stored as the feed would store them, seed the second stream.
    const first = new CandleAggregator({ timeframes: TIMEFRAMES, latenessMs: LATENESS_MS });
    const random = mulberry32(21);
    const inst = instruments()[0] as Instrument;
    let clock = Date.UTC(2024, 0, 1, 23, 50);
    for (let i = 0; i < 3_000; i++) {
      clock += Math.floor(random() * 300);
      first.add(priced(makeTrade(random, inst, clock, false)));
    }
    const stored = new Map<string, Candle>();
    for (const u of first.drain()) stored.set(`${u.candle.timeframe}|${u.candle.openTimeMs}`, u.candle);
    const stats = compareStreams(22, TIMEFRAMES, 6_000, [...stored.values()]);
    expect(stats.updates).toBeGreaterThan(5_000);
  });
});
