import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  planConnections,
  type ConnectionPlan,
  type ControlEvent,
  type FrameSink,
  type VenueProfile,
} from '../../src/core/exchange/adapter';
import type { BackfillSource } from '../../src/core/exchange/backfill';
import { TradeIntegrity } from '../../src/core/exchange/integrity/trade-integrity';
import { LIVE_VENUES, VENUE_PROFILES, type LiveVenueId } from '../../src/core/exchange/registry';
import type { RejectReason } from '../../src/core/exchange/reject';
import type { Quote, Trade } from '../../src/core/exchange/types';
import { applyTradeFaults, defaultFaults } from './faults';
import { MockExchange } from './server';
import { demoTape, VENUE_SYMBOLS, type EmittedTrade } from './tape';

/**
 * Every venue mock checked against the app's own adapters: the URLs and subscribe messages come
 * from `planConnections`, every frame goes through the venue's core parser, and what comes out
 * must equal what the tape executed. Then each fault, by its observable effect.
 */

const FAST = { heartbeatMs: 100, pingFrameMs: 100 };
/** Venues whose trade ids can be gap-checked and refilled over REST. */
const BACKFILL_VENUES = LIVE_VENUES.filter((v) => VENUE_PROFILES[v].backfill.length > 0);

let mock: MockExchange | null = null;

async function start(options: Parameters<typeof MockExchange.start>[1] = FAST): Promise<MockExchange> {
  mock = await MockExchange.start(0, options);
  return mock;
}

afterEach(async () => {
  await mock?.stop();
  mock = null;
});

// ---- a client that records everything ------------------------------------------------------------

class TestSocket {
  readonly frames: string[] = [];
  pings = 0;
  closeCode: number | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => this.frames.push(isBinary ? '<binary>' : String(data)));
    ws.on('ping', () => this.pings++);
    ws.on('close', (code) => (this.closeCode = code));
  }

  static open(url: string): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const socket = new TestSocket(ws);
      ws.once('open', () => {
        ws.on('error', () => {});
        resolve(socket);
      });
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(text: string): void {
    this.ws.send(text);
  }
}

type SinkEvent =
  | { kind: 'trade'; trade: Trade }
  | { kind: 'quote'; quote: Quote }
  | { kind: 'control'; event: ControlEvent }
  | { kind: 'reject'; reason: RejectReason; detail: string };

/** Keeps what a parser found in arrival order (trades, heartbeats and gaps interleave). */
class OrderedSink implements FrameSink {
  readonly events: SinkEvent[] = [];
  trade(trade: Trade): void {
    this.events.push({ kind: 'trade', trade });
  }
  quote(quote: Quote): void {
    this.events.push({ kind: 'quote', quote });
  }
  control(event: ControlEvent): void {
    this.events.push({ kind: 'control', event });
  }
  reject(reason: RejectReason, detail: string): void {
    this.events.push({ kind: 'reject', reason, detail });
  }
  get trades(): Trade[] {
    return this.events.flatMap((e) => (e.kind === 'trade' ? [e.trade] : []));
  }
  get quotes(): Quote[] {
    return this.events.flatMap((e) => (e.kind === 'quote' ? [e.quote] : []));
  }
  get controls(): ControlEvent[] {
    return this.events.flatMap((e) => (e.kind === 'control' ? [e.event] : []));
  }
  get rejects(): RejectReason[] {
    return this.events.flatMap((e) => (e.kind === 'reject' ? [e.reason] : []));
  }
}

interface Session {
  readonly venue: LiveVenueId;
  readonly profile: VenueProfile;
  readonly plans: readonly ConnectionPlan[];
  readonly sockets: readonly TestSocket[];
}

/** Opens the sockets the app would for `symbols` on a venue and sends its subscribe messages. */
async function connect(
  m: MockExchange,
  venue: LiveVenueId,
  symbols: readonly string[],
  channels: { trades: boolean; quotes: boolean } = { trades: true, quotes: true },
): Promise<Session> {
  const profile = VENUE_PROFILES[venue];
  // The mock is not Finnhub's own host: the token reaches it only through the explicit opt-in.
  const token = venue === 'finnhub' ? { token: m.venue('finnhub').token, tokenOrigin: m.wsBase } : {};
  const plans = planConnections(profile, { symbols, ...channels, ...token }, m.baseUrls()[venue].endpoints);
  const sockets: TestSocket[] = [];
  for (const plan of plans) {
    const socket = await TestSocket.open(plan.url);
    for (const msg of plan.subscribeMessages) socket.send(msg);
    sockets.push(socket);
  }
  // Let the mock read the subscribe messages (Finnhub does not ack them) before anything plays.
  await sleep(30);
  return { venue, profile, plans, sockets };
}

function parse(session: Session): OrderedSink {
  const sink = new OrderedSink();
  for (const s of session.sockets) for (const f of s.frames) session.profile.parse(f, Date.now(), sink);
  return sink;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, condition: () => boolean, timeoutMs = 4_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// ---- what the app must make of an executed trade ---------------------------------------------------

/** Decimal text without trailing zeros: what a JSON number prints as. */
const canon = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
const pad8 = (s: string) => {
  const [whole, frac = ''] = s.split('.');
  return `${whole}.${frac.padEnd(8, '0')}`;
};

/** The normalised trade the venue's parser must produce for an executed trade. */
function expected(m: MockExchange, t: EmittedTrade): Trade {
  const base = { venue: t.venue, symbol: t.symbol, timeMs: t.timeMs, price: t.price, size: t.size, side: t.side };
  switch (t.venue) {
    case 'kraken':
      // Prices and sizes travel as JSON numbers.
      return { ...base, id: t.id, price: canon(t.price), size: canon(t.size) };
    case 'finnhub':
      return { ...base, price: canon(t.price), size: canon(t.size), side: 'unknown' };
    case 'bybit-spot':
    case 'bybit-linear':
      // Ids are cross-symbol numbers past 2^53 or UUIDs: the parser keeps none.
      return base;
    case 'bitstamp':
      return { ...base, id: m.venue('bitstamp').wireId(t), size: pad8(t.size) };
    default:
      return { ...base, id: t.id };
  }
}

function canonTrade(t: Trade): Trade {
  return { ...t, price: canon(t.price), size: canon(t.size) };
}

/** A stable text key of a trade (sorted fields, canonical decimals). */
function tradeKey(t: Trade): string {
  const c = canonTrade(t) as unknown as Record<string, unknown>;
  return JSON.stringify(
    Object.keys(c)
      .sort()
      .map((k) => [k, c[k]]),
  );
}

function bySymbol<T extends { symbol: string }>(list: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    let l = out.get(x.symbol);
    if (l === undefined) out.set(x.symbol, (l = []));
    l.push(x);
  }
  return out;
}

const quoteKey = (q: Quote) => [q.symbol, canon(q.bid), canon(q.bidSize), canon(q.ask), canon(q.askSize)].join(' ');

function symbolsOf(venue: LiveVenueId): string[] {
  return [VENUE_SYMBOLS[venue].BTCUSDT, VENUE_SYMBOLS[venue].ETHUSDT];
}

/** Acks the app's subscribe messages earn (Binance: the extra SUBSCRIBE the test sends per socket). */
const ACKS: Record<LiveVenueId, number> = {
  'binance-spot': 1,
  'binance-usdm': 2,
  coinbase: 1,
  kraken: 4,
  'bybit-spot': 1,
  'bybit-linear': 1,
  okx: 4,
  bitstamp: 4,
  finnhub: 0,
};

// ---- every venue, no faults ------------------------------------------------------------------------

describe.each(LIVE_VENUES)('%s mock speaks the wire the app expects', (venue) => {
  it('delivers exactly the executed trades, with acks, quotes, heartbeats and pongs', async () => {
    const m = await start();
    const symbols = symbolsOf(venue);
    const tape = demoTape(venue, 11, 40_000);
    const history = m.tape.preload(tape.slice(0, 150));
    const live = tape.slice(150);
    const session = await connect(m, venue, symbols);
    if (venue === 'binance-spot' || venue === 'binance-usdm') {
      // Streams ride on the URL; SUBSCRIBE still works and is acked.
      session.sockets.forEach((s, i) => {
        const streams = new URL(session.plans[i]!.url).searchParams.get('streams')!.split('/');
        s.send(JSON.stringify({ method: 'SUBSCRIBE', params: streams, id: 1 }));
      });
    }
    const acks = () => parse(session).controls.filter((c) => c.kind === 'ack').length;
    await until('acks', () => acks() >= ACKS[venue]);
    session.plans.forEach((p, i) => {
      if (p.endpoint.keepAlive !== null) session.sockets[i]!.send(p.endpoint.keepAlive.text);
    });

    m.tape.play(live, { tradesPerSec: 1500, keepTimeline: true });
    await m.tape.done();
    const executedLive = m.tape.emitted.slice(history.length);
    // Snapshot-on-subscribe: Kraken's last 50 per symbol, Coinbase's last_match.
    const snapshot = (symbol: string) => {
      const past = history.filter((t) => t.symbol === symbol);
      return venue === 'kraken' ? past.slice(-50) : venue === 'coinbase' ? past.slice(-1) : [];
    };
    const want = new Map(
      symbols.map((s) => [
        s,
        [...snapshot(s), ...executedLive.filter((t) => t.symbol === s)].map((t) => expected(m, t)),
      ]),
    );
    const total = [...want.values()].reduce((n, l) => n + l.length, 0);
    await until('all trades', () => parse(session).trades.length >= total);
    await sleep(250); // a couple of heartbeats after the last trade

    const sink = parse(session);
    expect(sink.rejects).toEqual([]);
    const got = bySymbol(sink.trades);
    for (const s of symbols) expect(got.get(s), s).toEqual(want.get(s));
    expect(sink.trades.length).toBe(total);

    expect(sink.controls.filter((c) => c.kind === 'ack')).toHaveLength(ACKS[venue]);
    expect(sink.controls.filter((c) => c.kind === 'error')).toEqual([]);

    // Quotes: every one parsed is one the tape quoted.
    const carriesQuotes = session.plans.some((p) => p.endpoint.carries.quotes);
    if (carriesQuotes) {
      const tapeQuotes = new Set(m.tape.quotes.filter((q) => q.venue === venue).map(quoteKey));
      expect(sink.quotes.length).toBeGreaterThan(0);
      for (const q of sink.quotes) expect(tapeQuotes.has(quoteKey(q)), quoteKey(q)).toBe(true);
    } else {
      expect(sink.quotes).toEqual([]);
    }

    // Keep-alives both ways.
    const pongs = sink.controls.filter((c) => c.kind === 'pong');
    const heartbeats = sink.controls.filter((c) => c.kind === 'heartbeat');
    const sendsPing = session.plans.some((p) => p.endpoint.keepAlive !== null);
    expect(pongs.length).toBe(sendsPing ? 1 : 0);
    if (venue === 'coinbase') {
      for (const s of symbols) {
        const last = heartbeats.filter((h) => h.kind === 'heartbeat' && h.symbol === s).at(-1);
        expect(last).toMatchObject({ kind: 'heartbeat', symbol: s, lastTradeId: m.tape.maxId(s, venue) });
      }
    } else if (venue === 'kraken' || venue === 'finnhub') {
      expect(heartbeats.length).toBeGreaterThan(0);
    } else if (venue === 'binance-spot' || venue === 'binance-usdm') {
      for (const s of session.sockets) expect(s.pings).toBeGreaterThan(0);
    }
    if (venue === 'bybit-spot' || venue === 'bybit-linear') {
      const pong = JSON.parse(session.sockets[0]!.frames.find((f) => f.includes('"pong"'))!) as Record<string, unknown>;
      expect(pong).toMatchObject({ success: true, ret_msg: 'pong', op: 'ping' });
      expect('req_id' in pong).toBe(venue === 'bybit-linear');
    }
    if (venue === 'okx') expect(session.sockets[0]!.frames).toContain('pong');
  });
});

// ---- faults ------------------------------------------------------------------------------------------

/** Fetches a gap back page by page through the venue's backfill source, feeding integrity. */
async function backfill(
  source: BackfillSource,
  base: string,
  integrity: TradeIntegrity,
  gap: { symbol: string; fromId: number; toId: number },
): Promise<Trade[]> {
  const open = integrity.openGaps(source.venue, gap.symbol).find((g) => g.fromId <= gap.toId && g.toId >= gap.fromId);
  if (open === undefined) return []; // filled by an earlier page
  const filled: Trade[] = [];
  let cursor = source.cursorForGap(open);
  for (let pages = 0; pages < 100; pages++) {
    const res = await fetch(source.url(base, gap.symbol, cursor));
    const page = source.parse(await res.text(), gap.symbol);
    expect(page.error).toBeUndefined();
    for (const t of page.trades) if (integrity.accept(t) === 'late') filled.push(t);
    if (source.done(page, open) || page.next === null) break;
    cursor = page.next;
  }
  return filled;
}

describe.each(BACKFILL_VENUES)('%s id gaps', (venue) => {
  it('misses the dropped trades on the socket; REST backfill serves exactly them', async () => {
    const m = await start();
    const symbols = symbolsOf(venue);
    const tape = demoTape(venue, 23, 40_000);
    const history = m.tape.preload(tape.slice(0, 100));
    const session = await connect(m, venue, symbols, { trades: true, quotes: false });
    await until('acks', () => venue.startsWith('binance') || parse(session).controls.some((c) => c.kind === 'ack'));
    m.venue(venue).faults.drop = 0.15;
    m.venue(venue).faults.seed = 7;
    m.tape.play(tape.slice(100, -20), { tradesPerSec: 1500, keepTimeline: true });
    await m.tape.done();
    // The next trades reveal a gap at the end, as they would live; they are not dropped.
    delete m.venue(venue).faults.drop;
    m.tape.play(tape.slice(-20), { tradesPerSec: 1500, keepTimeline: true });
    await m.tape.done();
    const live = m.tape.emitted.slice(history.length);
    const dropped = m.venue(venue).faultLog.dropped;
    expect(dropped.length).toBeGreaterThan(5);
    await until(
      'live trades',
      () => new Set(parse(session).trades.map((t) => `${t.symbol} ${t.id}`)).size >= live.length - dropped.length,
    );
    await sleep(150);

    // On the socket: exactly the dropped ids are missing.
    const sink = parse(session);
    const seen = new Set(sink.trades.map((t) => `${t.symbol} ${t.id}`));
    const missing = live.filter((t) => !seen.has(`${t.symbol} ${t.id}`));
    expect(missing.map((t) => `${t.symbol} ${t.id}`)).toEqual(dropped.map((t) => `${t.symbol} ${t.id}`));

    // The integrity stage finds them (continuing from stored history, like the app after a reload).
    const integrity = new TradeIntegrity({ gapRule: session.profile.gapRule });
    for (const s of symbols) {
      const last = history.filter((t) => t.symbol === s).at(-1)!;
      integrity.resume(venue, s, last.id, last.timeMs);
    }
    for (const e of sink.events) {
      if (e.kind === 'trade') integrity.accept(e.trade);
      if (e.kind === 'control' && e.event.kind === 'heartbeat' && e.event.lastTradeId !== undefined) {
        integrity.observeLastId(venue, e.event.symbol!, e.event.lastTradeId, e.event.timeMs ?? Date.now());
      }
    }
    const gaps = integrity.allOpenGaps();
    const gapIds = gaps.flatMap((g) =>
      Array.from({ length: g.toId - g.fromId + 1 }, (_, i) => `${g.symbol} ${g.fromId + i}`),
    );
    expect(gapIds.sort()).toEqual(dropped.map((t) => `${t.symbol} ${t.id}`).sort());

    // REST refills every gap, and socket ∪ REST equals the executed log.
    const source = session.profile.backfill[0]!;
    const filled: Trade[] = [];
    for (const g of gaps) filled.push(...(await backfill(source, m.baseUrls()[venue].rest, integrity, g)));
    expect(integrity.allOpenGaps()).toEqual([]);
    const union = new Map<string, Trade>();
    for (const t of [...sink.trades, ...filled]) union.set(`${t.symbol} ${t.id}`, canonTrade(t));
    for (const t of live)
      expect(union.get(`${t.symbol} ${t.id}`), `${t.symbol} ${t.id} seq ${t.seq}/${m.tape.emitted.length}`).toEqual(
        canonTrade(expected(m, t)),
      );
    expect(filled.map((t) => `${t.symbol} ${t.id}`).sort()).toEqual(dropped.map((t) => `${t.symbol} ${t.id}`).sort());
  });
});

describe.each(LIVE_VENUES)('%s duplicates, reordering and garbage together', (venue) => {
  it('re-sends, swaps neighbours and interleaves garbage; the executed trades are all there', async () => {
    const m = await start();
    const symbols = symbolsOf(venue);
    const session = await connect(m, venue, symbols, { trades: true, quotes: false });
    if (ACKS[venue] > 0 && !venue.startsWith('binance')) {
      await until('acks', () => parse(session).controls.some((c) => c.kind === 'ack'));
    }
    await sleep(20);
    Object.assign(m.faults, { duplicate: 0.1, reorder: 0.2, garbage: ['not json {', '{"mock":"unknown"}'], seed: 3 });
    m.tape.play(demoTape(venue, 31, 30_000), { tradesPerSec: 1500 });
    await m.tape.done();
    const log = m.venue(venue).faultLog;
    const executed = m.tape.emitted;
    const key = tradeKey;
    const want = [...executed, ...log.duplicated].map((t) => key(expected(m, t))).sort();
    await until('all frames', () => parse(session).trades.length >= want.length);
    await sleep(50);
    const sink = parse(session);
    expect(log.duplicated.length).toBeGreaterThan(0);
    expect(log.swapped.length).toBeGreaterThan(0);
    expect(sink.trades.map(key).sort()).toEqual(want);
    expect(sink.rejects.filter((r) => r === 'not-json').length).toBeGreaterThan(0);
    expect(sink.rejects.filter((r) => r !== 'not-json' && r !== 'unknown-type' && r !== 'malformed')).toEqual([]);
    // Executed order differs from arrival order exactly by the swaps (first arrivals, per symbol).
    const arrival = sink.trades.map(key);
    const firstAt = new Map<string, number>();
    arrival.forEach((k, i) => (firstAt.has(k) ? undefined : firstAt.set(k, i)));
    for (const [a, b] of log.swapped) {
      expect(firstAt.get(key(expected(m, b)))!).toBeLessThan(firstAt.get(key(expected(m, a)))!);
    }
    if (session.profile.gapRule === 'consecutive') {
      const integrity = new TradeIntegrity({ gapRule: 'consecutive' });
      const verdicts = sink.trades.map((t) => integrity.accept(t));
      expect(verdicts.filter((v) => v === 'duplicate').length).toBe(log.duplicated.length);
      expect(verdicts).toContain('late');
      expect(integrity.allOpenGaps()).toEqual([]);
    }
  });
});

describe('half-open silence', () => {
  it('keeps every socket open and sends nothing at all, on every venue', async () => {
    const m = await start();
    m.faults.silent = true;
    const sessions = await Promise.all(LIVE_VENUES.map((v) => connect(m, v, symbolsOf(v))));
    for (const s of sessions) {
      s.plans.forEach((p, i) => {
        if (p.endpoint.keepAlive !== null) s.sockets[i]!.send(p.endpoint.keepAlive.text);
      });
    }
    m.tape.play(
      LIVE_VENUES.flatMap((v) => demoTape(v, 5, 10_000)),
      { tradesPerSec: 3000 },
    );
    await m.tape.done();
    await sleep(300);
    for (const s of sessions) {
      for (const socket of s.sockets) {
        expect(socket.frames, s.venue).toEqual([]);
        expect(socket.pings, s.venue).toBe(0);
        expect(socket.ws.readyState, s.venue).toBe(WebSocket.OPEN);
      }
    }
    // Per-venue override: Kraken alone talks again.
    m.venue('kraken').faults.silent = false;
    const kraken = await connect(m, 'kraken', ['BTC/USD']);
    await until('kraken ack', () => parse(kraken).controls.some((c) => c.kind === 'ack'));
  });
});

describe('closes and forced reconnects', () => {
  it('closes cleanly with a code, or drops abruptly (1006)', async () => {
    const m = await start();
    const a = await connect(m, 'okx', ['BTC-USDT']);
    const b = await connect(m, 'bitstamp', ['BTCUSD']);
    m.venue('okx').closeAll(1012, 'service restart');
    m.venue('bitstamp').terminateAll();
    await until('closes', () => a.sockets[0]!.closeCode !== null && b.sockets[0]!.closeCode !== null);
    expect(a.sockets[0]!.closeCode).toBe(1012);
    expect(b.sockets[0]!.closeCode).toBe(1006);
    expect(m.venue('okx').openConnections).toBe(0);
  });

  it.each(LIVE_VENUES)('%s: the venue notice the adapter reads as reconnect, or a drop', async (venue) => {
    const m = await start();
    const session = await connect(m, venue, symbolsOf(venue));
    await sleep(50);
    const kind = m.venue(venue).requestReconnect();
    const noticeVenues: LiveVenueId[] = ['binance-spot', 'binance-usdm', 'okx', 'bitstamp'];
    expect(kind).toBe(noticeVenues.includes(venue) ? 'notice' : 'dropped');
    if (kind === 'notice') {
      await until('notice', () => parse(session).controls.some((c) => c.kind === 'reconnect'));
    } else {
      await until('drop', () => session.sockets.every((s) => s.closeCode === 1006));
    }
  });
});

describe('subscribe errors', () => {
  const unknown: Record<LiveVenueId, string> = {
    'binance-spot': 'XYZUSDT',
    'binance-usdm': 'XYZUSDT',
    coinbase: 'XYZ-USD',
    kraken: 'XYZ/USD',
    'bybit-spot': 'XYZUSDT',
    'bybit-linear': 'XYZUSDT',
    okx: 'XYZ-USDT',
    bitstamp: 'XYZUSD',
    finnhub: 'BINANCE:XYZUSDT',
  };
  /** Venues whose error names the refused symbol (the adapter can drop just that one). */
  const named: LiveVenueId[] = ['coinbase', 'kraken', 'bybit-spot', 'bybit-linear', 'okx'];

  it.each(LIVE_VENUES)('%s: an unknown symbol gets the venue error', async (venue) => {
    const m = await start();
    const session = await connect(m, venue, [unknown[venue]]);
    if (venue.startsWith('binance')) {
      // Binance takes streams on the URL without validating them; SUBSCRIBE is where it refuses.
      session.sockets[0]!.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['xyzusdt@aggTrade'], id: 7 }));
    }
    await until('error', () => parse(session).controls.some((c) => c.kind === 'error'));
    const error = parse(session).controls.find((c) => c.kind === 'error')!;
    if (named.includes(venue)) expect(error).toMatchObject({ symbol: unknown[venue] });
    if (venue === 'binance-usdm') expect(error).toMatchObject({ code: 2 });
    expect(parse(session).controls.filter((c) => c.kind === 'ack')).toEqual([]);
  });

  it('refuseSymbols refuses a known symbol with the same error and keeps the others', async () => {
    const m = await start();
    m.venue('kraken').faults.refuseSymbols = ['ETH/USD'];
    m.faults.refuseSymbols = ['ETH-USDT'];
    const kraken = await connect(m, 'kraken', ['BTC/USD', 'ETH/USD'], { trades: true, quotes: false });
    const okx = await connect(m, 'okx', ['BTC-USDT', 'ETH-USDT'], { trades: true, quotes: false });
    await until('replies', () => parse(kraken).controls.length >= 3 && parse(okx).controls.length >= 2);
    const k = parse(kraken).controls.filter((c) => c.kind === 'ack' || c.kind === 'error');
    expect(k).toEqual([
      { kind: 'ack', id: 1, symbol: 'BTC/USD', channel: 'trade' },
      { kind: 'error', message: 'Currency pair not supported ETH/USD', symbol: 'ETH/USD' },
    ]);
    expect(parse(okx).controls).toEqual([
      { kind: 'ack', channel: 'trades', symbol: 'BTC-USDT' },
      expect.objectContaining({ kind: 'error', code: '60018', symbol: 'ETH-USDT' }),
    ]);
  });
});

describe('REST', () => {
  const listing: Partial<Record<LiveVenueId, string>> = {
    'binance-spot': '/api/v3/exchangeInfo',
    'binance-usdm': '/fapi/v1/exchangeInfo',
    coinbase: '/products',
    kraken: '/0/public/AssetPairs',
    'bybit-spot': '/v5/market/instruments-info?category=spot',
    'bybit-linear': '/v5/market/instruments-info?category=linear',
    okx: '/api/v5/public/instruments?instType=SPOT',
    bitstamp: '/trading-pairs-info/',
  };

  it('lists instruments on every venue with REST, with CORS as the venue has it (Bybit: none)', async () => {
    const m = await start();
    for (const [venue, path] of Object.entries(listing) as [LiveVenueId, string][]) {
      const res = await fetch(`${m.baseUrls()[venue].rest}${path}`);
      expect(res.status, venue).toBe(200);
      const body = JSON.stringify(await res.json());
      expect(body, venue).toContain(venue === 'kraken' ? 'XBT/USD' : 'BTC');
      expect(res.headers.get('access-control-allow-origin'), venue).toBe(venue.startsWith('bybit') ? null : '*');
    }
  });

  it('answers 451 and 429 with the venue bodies; the backfill sources read them as errors', async () => {
    const m = await start();
    const gap = { venue: 'kraken' as const, symbol: '', fromId: 5, toId: 9, fromTimeMs: 1_000, toTimeMs: 2_000 };
    for (const status of [451, 429]) {
      m.faults.restStatus = status;
      for (const venue of BACKFILL_VENUES) {
        const source = VENUE_PROFILES[venue].backfill[0]!;
        const symbol = symbolsOf(venue)[0]!;
        const res = await fetch(
          source.url(m.baseUrls()[venue].rest, symbol, source.cursorForGap({ ...gap, venue, symbol })),
        );
        expect(res.status, venue).toBe(status);
        expect(source.parse(await res.text(), symbol).error, venue).toBeDefined();
        if (venue.startsWith('binance') && status === 429) expect(res.headers.get('retry-after')).toBe('2');
      }
    }
    // Per-venue override beats the global fault.
    m.venue('kraken').faults.restStatus = null;
    expect((await fetch(`${m.baseUrls().kraken.rest}/0/public/AssetPairs`)).status).toBe(200);
    expect((await fetch(`${m.baseUrls().okx.rest}/api/v5/public/instruments?instType=SPOT`)).status).toBe(429);
  });
});

describe('venue specifics', () => {
  it('Binance USD-M: the retired /ws and /stream paths open but stay silent; /market delivers', async () => {
    const m = await start();
    const root = m.baseUrls()['binance-usdm'].ws;
    const raw = await TestSocket.open(`${root}/ws/btcusdt@aggTrade`);
    const combined = await TestSocket.open(`${root}/stream?streams=btcusdt@aggTrade/btcusdt@bookTicker`);
    combined.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@aggTrade'], id: 1 }));
    const market = await connect(m, 'binance-usdm', ['BTCUSDT']);
    m.tape.play(demoTape('binance-usdm', 3, 10_000, ['BTCUSDT']), { tradesPerSec: 1500 });
    await m.tape.done();
    await until('market trades', () => parse(market).trades.length === m.tape.emitted.length);
    await sleep(100);
    expect(raw.frames).toEqual([]);
    expect(combined.frames).toEqual([]);
    expect(raw.ws.readyState).toBe(WebSocket.OPEN);
    expect(m.venue('binance-usdm').openConnections).toBe(4);
  });

  it('Finnhub refuses the handshake without the right token (401)', async () => {
    const m = await start();
    const base = m.baseUrls().finnhub.endpoints['main']!;
    await expect(TestSocket.open(base)).rejects.toThrow('HTTP 401');
    await expect(TestSocket.open(`${base}?token=wrong`)).rejects.toThrow('HTTP 401');
    await TestSocket.open(`${base}?token=${m.venue('finnhub').token}`);
  });

  it('Bybit u = 1 restart is read as a reset', async () => {
    const m = await start();
    const session = await connect(m, 'bybit-linear', ['BTCUSDT']);
    m.tape.play(demoTape('bybit-linear', 3, 5_000, ['BTCUSDT']), { tradesPerSec: 1500 });
    await m.tape.done();
    m.venue('bybit-linear').serviceRestart();
    await until('reset', () => parse(session).controls.some((c) => c.kind === 'reset'));
  });

  it('Coinbase closes a socket that does not subscribe in time; OKX one that stays idle', async () => {
    const m = await start({ ...FAST, coinbaseSubscribeWithinMs: 150, okxIdleMs: 300 });
    const coinbase = await TestSocket.open(m.baseUrls().coinbase.endpoints['main']!);
    const okxIdle = await TestSocket.open(m.baseUrls().okx.endpoints['main']!);
    const okxPinging = await TestSocket.open(m.baseUrls().okx.endpoints['main']!);
    const pinger = setInterval(() => okxPinging.send('ping'), 100);
    try {
      await until('closes', () => coinbase.closeCode !== null && okxIdle.closeCode !== null, 3_000);
    } finally {
      clearInterval(pinger);
    }
    expect(coinbase.closeCode).toBe(1000);
    expect(JSON.parse(coinbase.frames[0]!)).toMatchObject({ type: 'error' });
    expect(okxIdle.closeCode).toBe(1006);
    expect(okxPinging.closeCode).toBeNull();
  });
});

describe('determinism', () => {
  it('the same seed drops, repeats and swaps the same trades; another seed does not', () => {
    const trades = demoTape('okx', 9, 60_000).map((t, i) => ({ ...t, id: t.id!, seq: i + 1 }));
    const f = { ...defaultFaults(), drop: 0.1, duplicate: 0.1, reorder: 0.2, seed: 42 };
    const ids = (b: ReturnType<typeof applyTradeFaults>) => b.sent.map((t) => t.id);
    const a = applyTradeFaults('okx', trades, f);
    expect(ids(applyTradeFaults('okx', trades, f))).toEqual(ids(a));
    expect(ids(applyTradeFaults('okx', trades, { ...f, seed: 43 }))).not.toEqual(ids(a));
    expect(a.dropped.length).toBeGreaterThan(0);
  });

  it('two clients of one venue see identical frames under faults', async () => {
    const m = await start();
    Object.assign(m.venue('coinbase').faults, { drop: 0.1, duplicate: 0.1, reorder: 0.3, seed: 5 });
    const one = await connect(m, 'coinbase', ['BTC-USD'], { trades: true, quotes: false });
    const two = await connect(m, 'coinbase', ['BTC-USD'], { trades: true, quotes: false });
    await until('acks', () => [one, two].every((s) => parse(s).controls.some((c) => c.kind === 'ack')));
    m.tape.play(demoTape('coinbase', 4, 20_000, ['BTCUSDT']), { tradesPerSec: 1500 });
    await m.tape.done();
    await sleep(100);
    const trades = (s: Session) => parse(s).trades.map((t) => t.id);
    expect(trades(one).length).toBeGreaterThan(50);
    expect(trades(one)).toEqual(trades(two));
  });
});
