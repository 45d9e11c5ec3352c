import { DemoMarket } from '../../../src/core/demo/demo-market';
import type { LiveVenueId } from '../../../src/core/exchange/registry';
import type { Trade } from '../../../src/core/exchange/types';
import { VENUE_SYMBOLS } from '../../mock-exchange/tape';
import { binanceTradeFrames } from './binance-frames';

/**
 * Trades per frame for venues that batch trades into one message. The venues document that they
 * batch but not how much; these are modest, assumed figures (a live feed varies with activity).
 * Kraken and Bybit batch per symbol (one channel/topic per symbol); Finnhub mixes symbols; OKX
 * `trades` pushes one (possibly `count`-aggregated) trade per message in the documented example.
 */
export const TRADES_PER_FRAME: Readonly<Record<LiveVenueId, number>> = {
  'binance-spot': 1,
  'binance-usdm': 1,
  coinbase: 1,
  kraken: 3,
  'bybit-spot': 3,
  'bybit-linear': 3,
  okx: 1,
  bitstamp: 1,
  finnhub: 5,
};

interface WireTrade extends Trade {
  readonly id: number;
  /** Venue-native symbol spelling. */
  readonly wire: string;
  /** Execution order over the generated tape, from 1. */
  readonly seq: number;
  /** `timeMs` plus a sub-millisecond part, for venues that print µs. */
  readonly timeUs: number;
}

/** Demo-market trades (three instruments, realistic prices and sizes) in the venue's spelling. */
function* demoTrades(venue: LiveVenueId): Generator<WireTrade> {
  const start = Date.UTC(2024, 7, 8, 23, 54);
  const market = new DemoMarket(99, start);
  const symbols = VENUE_SYMBOLS[venue] as Readonly<Record<string, string>>;
  let t = start;
  let seq = 0;
  for (;;) {
    t += 60_000;
    for (const trade of market.advance(t, venue).trades) {
      const id = trade.id as number;
      const wire = symbols[trade.symbol];
      if (wire === undefined) throw new Error(`no ${venue} spelling for ${trade.symbol}`);
      yield { ...trade, id, wire, seq: ++seq, timeUs: trade.timeMs * 1000 + ((id * 7919) % 1000) };
    }
  }
}

/** `2024-01-01T00:00:00.123456Z` from µs since the epoch. */
function rfc3339Micros(timeUs: number): string {
  const us = String(timeUs % 1000).padStart(3, '0');
  return new Date(Math.floor(timeUs / 1000)).toISOString().replace('Z', `${us}Z`);
}

/** A deterministic UUID-shaped id (v4 layout) from a key, as order and trade ids look on the wire. */
function uuidFrom(text: string): string {
  let hex = '';
  for (let round = 0; round < 4; round++) {
    let h = 0x811c9dc5 ^ Math.imul(round + 1, 0x9e3779b1);
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    hex += (h >>> 0).toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function eightDecimals(text: string): string {
  const [whole, frac = ''] = text.split('.');
  return `${whole}.${frac.padEnd(8, '0')}`;
}

/** One trade per frame: `encode` gives the frame's JSON value. */
function singleFrames(venue: LiveVenueId, count: number, encode: (t: WireTrade) => unknown): string[] {
  const frames: string[] = [];
  for (const t of demoTrades(venue)) {
    if (frames.length >= count) break;
    frames.push(JSON.stringify(encode(t)));
  }
  return frames;
}

/**
 * `perFrame` trades per frame, grouped per symbol (`bySymbol`) or in tape order across symbols;
 * `encode` gives a frame's JSON value from its trades.
 */
function batchedFrames(
  venue: LiveVenueId,
  count: number,
  perFrame: number,
  bySymbol: boolean,
  encode: (batch: readonly WireTrade[]) => unknown,
): string[] {
  const frames: string[] = [];
  const pending = new Map<string, WireTrade[]>();
  for (const t of demoTrades(venue)) {
    if (frames.length >= count) break;
    const key = bySymbol ? t.wire : '';
    let batch = pending.get(key);
    if (batch === undefined) pending.set(key, (batch = []));
    batch.push(t);
    if (batch.length === perFrame) {
      frames.push(JSON.stringify(encode(batch)));
      pending.delete(key);
    }
  }
  return frames;
}

/** Binance USD-M `/market/stream` combined `@aggTrade` frames (no `M` field). */
function binanceUsdmFrames(count: number): string[] {
  return singleFrames('binance-usdm', count, (t) => ({
    stream: `${t.wire.toLowerCase()}@aggTrade`,
    data: {
      e: 'aggTrade',
      E: t.timeMs + 3,
      s: t.wire,
      a: t.id,
      p: t.price,
      q: t.size,
      f: t.id + 700_000_000,
      l: t.id + 700_000_000,
      T: t.timeMs,
      m: t.side === 'sell',
    },
  }));
}

/** Coinbase Exchange `matches` (`side` is the maker's side). */
function coinbaseFrames(count: number): string[] {
  const sequences = new Map<string, number>();
  return singleFrames('coinbase', count, (t) => {
    const sequence = (sequences.get(t.wire) ?? 50_000_000_000) + 1;
    sequences.set(t.wire, sequence);
    return {
      type: 'match',
      trade_id: t.id,
      sequence,
      maker_order_id: uuidFrom(`maker|${t.wire}|${t.id}`),
      taker_order_id: uuidFrom(`taker|${t.wire}|${t.id}`),
      time: rfc3339Micros(t.timeUs),
      product_id: t.wire,
      size: t.size,
      price: t.price,
      side: t.side === 'buy' ? 'sell' : 'buy',
    };
  });
}

/** Kraken v2 `trade` updates, prices and quantities as JSON numbers. */
function krakenFrames(count: number): string[] {
  return batchedFrames('kraken', count, TRADES_PER_FRAME.kraken, true, (batch) => ({
    channel: 'trade',
    type: 'update',
    data: batch.map((t) => ({
      symbol: t.wire,
      side: t.side,
      price: Number(t.price),
      qty: Number(t.size),
      ord_type: t.id % 3 === 0 ? 'limit' : 'market',
      trade_id: t.id,
      timestamp: rfc3339Micros(t.timeUs),
    })),
  }));
}

/** Bybit v5 `publicTrade.<symbol>`: numeric-string ids on spot, UUIDs and tick direction on linear. */
function bybitFrames(venue: 'bybit-spot' | 'bybit-linear', count: number): string[] {
  return batchedFrames(venue, count, TRADES_PER_FRAME[venue], true, (batch) => ({
    topic: `publicTrade.${(batch[0] as WireTrade).wire}`,
    type: 'snapshot',
    ts: (batch[batch.length - 1] as WireTrade).timeMs + 3,
    data: batch.map((t) => {
      const base = { T: t.timeMs, s: t.wire, S: t.side === 'buy' ? 'Buy' : 'Sell', v: t.size, p: t.price };
      const seq = 1_783_284_000 + t.seq;
      if (venue === 'bybit-spot') {
        return { i: (2290000000061666000n + BigInt(t.seq)).toString(), ...base, BT: false, RPI: false, seq };
      }
      const L = t.side === 'buy' ? 'PlusTick' : 'MinusTick';
      return { ...base, L, i: uuidFrom(`bybit|${t.wire}|${t.id}`), BT: false, RPI: false, seq };
    }),
  }));
}

/** OKX v5 `trades` pushes (spot instIds, so no contract sizing). */
function okxFrames(count: number): string[] {
  return batchedFrames('okx', count, TRADES_PER_FRAME.okx, true, (batch) => ({
    arg: { channel: 'trades', instId: (batch[0] as WireTrade).wire },
    data: batch.map((t) => ({
      instId: t.wire,
      tradeId: String(t.id),
      px: t.price,
      sz: t.size,
      side: t.side,
      ts: String(t.timeMs),
      count: '1',
    })),
  }));
}

/** Bitstamp v2 `trade` events on `live_trades_<pair>`. */
function bitstampFrames(count: number): string[] {
  const orderBase = 1_207_733_700_000_000;
  return singleFrames('bitstamp', count, (t) => {
    const amount = eightDecimals(t.size);
    const orders = [orderBase + t.seq * 2, orderBase + t.seq * 2 + 1];
    return {
      data: {
        id: 300_000_000 + t.seq,
        timestamp: String(Math.floor(t.timeMs / 1000)),
        amount: Number(amount),
        amount_str: amount,
        price: Number(t.price),
        price_str: t.price,
        type: t.side === 'buy' ? 0 : 1,
        microtimestamp: String(t.timeUs),
        buy_order_id: t.side === 'buy' ? orders[1] : orders[0],
        sell_order_id: t.side === 'buy' ? orders[0] : orders[1],
      },
      channel: `live_trades_${t.wire.toLowerCase()}`,
      event: 'trade',
    };
  });
}

/** Finnhub `trade` messages: several symbols per message, numbers, condition codes or null. */
function finnhubFrames(count: number): string[] {
  return batchedFrames('finnhub', count, TRADES_PER_FRAME.finnhub, false, (batch) => ({
    data: batch.map((t) => ({
      c: t.id % 4 === 0 ? ['1', '12'] : null,
      p: Number(t.price),
      s: t.wire,
      t: t.timeMs,
      v: Number(t.size),
    })),
    type: 'trade',
  }));
}

/**
 * `count` trade frames of a venue, byte-for-byte in its documented wire shape (as the mock
 * exchange sends them), from the simulated market. Batched venues carry `TRADES_PER_FRAME` trades.
 */
export function venueTradeFrames(venue: LiveVenueId, count: number): string[] {
  switch (venue) {
    case 'binance-spot':
      return binanceTradeFrames(count);
    case 'binance-usdm':
      return binanceUsdmFrames(count);
    case 'coinbase':
      return coinbaseFrames(count);
    case 'kraken':
      return krakenFrames(count);
    case 'bybit-spot':
    case 'bybit-linear':
      return bybitFrames(venue, count);
    case 'okx':
      return okxFrames(count);
    case 'bitstamp':
      return bitstampFrames(count);
    case 'finnhub':
      return finnhubFrames(count);
  }
}
