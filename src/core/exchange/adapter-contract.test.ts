import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planConnections, type FrameSink, type VenueProfile } from './adapter';
import { CollectingSink } from './collecting-sink';
import { redactUrl } from './redact';
import { LIVE_VENUES, VENUE_PROFILES } from './registry';
import type { RejectReason } from './reject';
import type { Quote, Trade } from './types';
import { validateTrade } from './validate';

/**
 * The contract every venue adapter keeps, checked on its recorded/documented frames in
 * test/fixtures/wire/<venue>/. A new venue joins by adding a registry entry and a fixture folder.
 */

const FIXTURES = new URL('../../../test/fixtures/wire/', import.meta.url);
const NOW = Date.UTC(2026, 6, 1);
const REASONS: readonly RejectReason[] = [
  'not-json',
  'malformed',
  'unknown-type',
  'bad-price',
  'bad-size',
  'bad-time',
  'duplicate',
  'venue-error',
  'excluded',
  'out-of-window',
  'bad-id',
];
/** Exact plain decimal text: no exponent, no sign, no spaces. */
const DECIMAL = /^\d+(\.\d+)?$/;

function frames(venue: string): string[] {
  const dir = new URL(`${venue}/`, FIXTURES);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ndjson'));
  return files.flatMap((f) =>
    readFileSync(new URL(f, dir), 'utf8')
      .split('\n')
      .filter((l) => l.length > 0),
  );
}

function parseAll(profile: VenueProfile, input: readonly string[]): CollectingSink {
  const sink = new CollectingSink();
  for (const frame of input) expect(() => profile.parse(frame, NOW, sink)).not.toThrow();
  return sink;
}

function checkTradeShape(trade: Trade, profile: VenueProfile): void {
  expect(trade.venue).toBe(profile.venue);
  expect(typeof trade.symbol).toBe('string');
  expect(typeof trade.price).toBe('string');
  expect(typeof trade.size).toBe('string');
  expect(['buy', 'sell', 'unknown']).toContain(trade.side);
  expect(typeof trade.timeMs).toBe('number');
  if (trade.id !== undefined) expect(typeof trade.id).toBe('number');
}

/** Every way a field can be wrong: the parser must reject or ignore, never throw. */
function* mutations(value: unknown, depth = 0): Generator<unknown> {
  const replacements: unknown[] = [null, -1, 'x', [], {}, 1e300];
  if (Array.isArray(value)) {
    yield [];
    for (let i = 0; i < Math.min(value.length, 3); i++) {
      for (const r of replacements) yield value.map((v, j) => (j === i ? r : v));
      if (depth < 2) for (const m of mutations(value[i], depth + 1)) yield value.map((v, j) => (j === i ? m : v));
    }
  } else if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const { [key]: _dropped, ...rest } = obj;
      yield rest;
      for (const r of replacements) yield { ...obj, [key]: r };
      if (depth < 2) for (const m of mutations(obj[key], depth + 1)) yield { ...obj, [key]: m };
    }
  }
}

describe.each(LIVE_VENUES)('adapter contract: %s', (venue) => {
  const profile = VENUE_PROFILES[venue];
  const input = frames(venue);
  const sink = parseAll(profile, input);
  const hasQuotes = profile.endpoints.some((e) => e.carries.quotes);

  it('has fixtures', () => {
    expect(input.length).toBeGreaterThanOrEqual(7);
  });

  it('emits valid trades with exact decimal strings and ms times', () => {
    expect(sink.trades.length).toBeGreaterThanOrEqual(2);
    for (const trade of sink.trades) {
      checkTradeShape(trade, profile);
      expect(trade.price).toMatch(DECIMAL);
      expect(trade.size).toMatch(DECIMAL);
      expect(trade.symbol.length).toBeGreaterThan(0);
      // ms, not s or µs: between 2009 and 2100.
      expect(Number.isInteger(trade.timeMs)).toBe(true);
      expect(trade.timeMs).toBeGreaterThan(1.2e12);
      expect(trade.timeMs).toBeLessThan(4.1e12);
      const valid = validateTrade(trade, NOW);
      expect(valid.ok ? 'ok' : `${valid.reason}: ${valid.detail}`).toBe('ok');
      if (profile.gapRule === 'none') expect(trade.id).toBeUndefined();
      else expect(Number.isSafeInteger(trade.id)).toBe(true);
      if (trade.firstId !== undefined) expect(trade.firstId).toBeLessThanOrEqual(trade.id as number);
    }
  });

  it('maps both taker sides (or unknown where the venue has none)', () => {
    const sides = new Set(sink.trades.map((t) => t.side));
    if (venue === 'finnhub') expect([...sides]).toEqual(['unknown']);
    else expect([...sides].sort()).toEqual(['buy', 'sell']);
  });

  it('emits valid quotes where the venue has them', () => {
    if (!hasQuotes) {
      expect(sink.quotes).toEqual([]);
      return;
    }
    expect(sink.quotes.length).toBeGreaterThanOrEqual(1);
    for (const q of sink.quotes as Quote[]) {
      expect(q.venue).toBe(venue);
      for (const field of [q.bid, q.bidSize, q.ask, q.askSize]) expect(field).toMatch(DECIMAL);
      expect(Number(q.bid)).toBeLessThanOrEqual(Number(q.ask));
      expect(Number.isInteger(q.timeMs)).toBe(true);
      expect(q.timeMs).toBeGreaterThan(1.2e12);
    }
  });

  it('turns keep-alives, acks and errors into control events', () => {
    const kinds = new Set(sink.controls.map((c) => c.kind));
    expect(kinds.has('error')).toBe(true);
    expect(kinds.has('heartbeat') || kinds.has('pong') || kinds.has('ack')).toBe(true);
    if (venue !== 'finnhub') expect(kinds.has('ack')).toBe(true);
    for (const c of sink.controls) if (c.kind === 'error') expect(c.message.length).toBeGreaterThan(0);
  });

  it('rejects garbage and unknown types with a reason and a detail', () => {
    const reasons = new Set(sink.rejects.map((r) => r.reason));
    expect(reasons.has('not-json')).toBe(true);
    expect(reasons.has('unknown-type')).toBe(true);
    for (const r of sink.rejects) {
      expect(REASONS).toContain(r.reason);
      expect(r.detail.length).toBeGreaterThan(0);
    }
    const garbage = [
      '',
      ' ',
      'null',
      '[]',
      '{}',
      '"text"',
      '42',
      'true',
      '{"data":null}',
      '[[[[[[]]]]]]',
      `{"x":"${'a'.repeat(10_000)}"}`,
    ];
    for (const frame of garbage) {
      const g = parseAll(profile, [frame]);
      expect(g.trades).toEqual([]);
      expect(g.quotes).toEqual([]);
      expect(g.rejects.length + g.controls.length).toBeGreaterThan(0);
    }
  });

  it('never throws on mutated or truncated frames', () => {
    let parsed = 0;
    const guard: FrameSink = {
      trade: (t) => checkTradeShape(t, profile),
      quote: (q) => expect(q.venue).toBe(venue),
      control: () => undefined,
      reject: (reason, detail) => {
        expect(REASONS).toContain(reason);
        expect(typeof detail).toBe('string');
      },
    };
    for (const frame of input) {
      for (let cut = 1; cut < frame.length; cut += 23) {
        expect(() => profile.parse(frame.slice(0, cut), NOW, guard)).not.toThrow();
      }
      let value: unknown;
      try {
        value = JSON.parse(frame);
      } catch {
        continue;
      }
      for (const mutated of mutations(value)) {
        const text = JSON.stringify(mutated);
        expect(() => profile.parse(text, NOW, guard)).not.toThrow();
        parsed++;
      }
    }
    expect(parsed).toBeGreaterThan(100);
  });

  it('declares consistent connection metadata', () => {
    expect(profile.venue).toBe(venue);
    expect(profile.endpoints.length).toBeGreaterThan(0);
    for (const endpoint of profile.endpoints) {
      expect(endpoint.adapter.venue).toBe(venue);
      expect(endpoint.defaultBase).toMatch(/^wss:\/\//);
      expect(endpoint.pacing.maxMessagesPerSecond).toBeGreaterThan(0);
      if (endpoint.keepAlive !== null) {
        expect(endpoint.keepAlive.everyMs).toBeGreaterThan(1000);
        expect(endpoint.keepAlive.text.length).toBeGreaterThan(0);
      }
      // Silence budgets sit above the heartbeat/pong cadence that guarantees traffic.
      if (endpoint.silenceMs !== null) expect(endpoint.silenceMs).toBeGreaterThanOrEqual(5_000);
    }
    expect(profile.endpoints.some((e) => e.carries.trades)).toBe(true);
    if (profile.stale.quotesMs === null) expect(hasQuotes).toBe(false);
    for (const source of profile.backfill) {
      expect(source.venue).toBe(venue);
      expect(source.defaultBase).toMatch(/^https:\/\//);
    }
    if (profile.gapRule === 'consecutive') expect(profile.backfill.length).toBeGreaterThan(0);
  });

  it('plans sockets whose subscribe messages respect the venue caps', () => {
    const symbols = Array.from({ length: 23 }, (_, i) => `${profile.exampleSymbol}${i === 0 ? '' : i}`);
    const subscription = { symbols, trades: true, quotes: true, token: 'tok123' };
    const plans = planConnections(profile, subscription);
    expect(plans.length).toBeGreaterThan(0);
    const carried = { trades: false, quotes: false };
    for (const plan of plans) {
      carried.trades ||= plan.subscription.trades;
      carried.quotes ||= plan.subscription.quotes;
      const base = plan.endpoint.defaultBase;
      expect(plan.url.startsWith(base)).toBe(true);
      if (profile.auth === 'token-in-url') {
        expect(plan.url).toContain('tok123');
        expect(redactUrl(plan.url)).not.toContain('tok123');
      } else {
        expect(plan.url).not.toContain('tok123');
      }
      const cap = plan.endpoint.pacing.maxArgsPerMessage;
      for (const message of plan.subscribeMessages) {
        const parsed = JSON.parse(message) as Record<string, unknown>;
        const args = (parsed['args'] ?? (parsed['params'] as Record<string, unknown> | undefined)?.['symbol']) as
          unknown[] | undefined;
        if (cap !== null && Array.isArray(args)) expect(args.length).toBeLessThanOrEqual(cap);
      }
    }
    expect(carried.trades).toBe(true);
    expect(carried.quotes).toBe(hasQuotes);
  });

  it('parses fast enough for the feed worker', () => {
    const valid = input.filter((f) => f.startsWith('{'));
    const sinkless: FrameSink = {
      trade: () => undefined,
      quote: () => undefined,
      control: () => undefined,
      reject: () => undefined,
    };
    const start = performance.now();
    let n = 0;
    while (n < 10_000) {
      for (const f of valid) profile.parse(f, NOW, sinkless);
      n += valid.length;
    }
    // A few µs per frame; the bound leaves ~10× headroom for loaded CI machines.
    expect(performance.now() - start).toBeLessThan(3000);
  });
});

describe('registry', () => {
  it('lists every live venue once', () => {
    expect(LIVE_VENUES.sort()).toEqual(
      [
        'binance-spot',
        'binance-usdm',
        'bitstamp',
        'bybit-linear',
        'bybit-spot',
        'coinbase',
        'finnhub',
        'kraken',
        'okx',
      ].sort(),
    );
  });
});
