import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planConnections } from '../adapter';
import { CollectingSink } from '../collecting-sink';
import { redactUrl } from '../redact';
import { RejectCounter } from '../reject';
import { finnhubProfile } from './adapter';
import { isFinnhubAuthError, parseFinnhubFrame } from './parser';
import { finnhubSubscribeMessages, finnhubUrl } from './subscribe';

const feed = readFileSync(new URL('../../../../test/fixtures/wire/finnhub/feed.ndjson', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.length > 0);

describe('finnhub parser', () => {
  const sink = new CollectingSink().feed(parseFinnhubFrame, feed);

  it('reads batched trades: exact text from numbers, side unknown, no id', () => {
    expect(sink.trades).toEqual([
      { venue: 'finnhub', symbol: 'TSLA', timeMs: 1672348887195, price: '122.1', size: '1', side: 'unknown' },
      { venue: 'finnhub', symbol: 'AAPL', timeMs: 1672348887666, price: '129.58', size: '1', side: 'unknown' },
      {
        venue: 'finnhub',
        symbol: 'BINANCE:BTCUSDT',
        timeMs: 1672348887700,
        price: '16578.5',
        size: '0.00012',
        side: 'unknown',
      },
    ]);
  });

  it('rejects zero-volume price updates, maps ping and errors (auth flagged)', () => {
    expect(sink.rejects.map((r) => r.reason)).toEqual(['bad-size', 'unknown-type', 'not-json']);
    expect(sink.controls).toEqual([
      { kind: 'heartbeat' },
      { kind: 'error', message: 'Invalid API key', auth: true },
      { kind: 'error', message: 'Subscribing to too many symbols' },
    ]);
    expect(isFinnhubAuthError('Missing token')).toBe(true);
    expect(isFinnhubAuthError('Symbol not found')).toBe(false);
  });
});

describe('finnhub connection', () => {
  const sub = { symbols: ['AAPL', 'BINANCE:BTCUSDT'], trades: true, quotes: true, token: 's3cr3t/+' };

  it('puts the token in the URL, encoded, and never prints it', () => {
    const url = finnhubUrl('wss://ws.finnhub.io', sub);
    expect(url).toBe('wss://ws.finnhub.io?token=s3cr3t%2F%2B');
    expect(redactUrl(url)).toBe('wss://ws.finnhub.io?token=***');
    expect(finnhubUrl('wss://ws.finnhub.io:443/x?y=1', sub)).toBe('wss://ws.finnhub.io:443/x?y=1&token=s3cr3t%2F%2B');
    const counter = new RejectCounter();
    counter.add('venue-error', `cannot open ${url}`);
    expect(JSON.stringify(counter.samples)).not.toContain('s3cr3t');
  });

  it('sends the token to another host only when the user allowed exactly that origin', () => {
    // A proxy, a linked attacker address, a look-alike host: no token.
    expect(finnhubUrl('wss://proxy.example/f?x=1', sub)).toBe('wss://proxy.example/f?x=1');
    expect(finnhubUrl('ws://127.0.0.1:9443/finnhub', sub)).toBe('ws://127.0.0.1:9443/finnhub');
    expect(finnhubUrl('wss://ws.finnhub.io.attacker.example', sub)).toBe('wss://ws.finnhub.io.attacker.example');
    expect(finnhubUrl('ws://ws.finnhub.io', sub)).toBe('ws://ws.finnhub.io');
    expect(finnhubUrl('wss://user@ws.finnhub.io.evil/', sub)).toBe('wss://user@ws.finnhub.io.evil/');
    expect(finnhubUrl('wss://ws.finnhub.io@evil.example/', sub)).toBe('wss://ws.finnhub.io@evil.example/');
    // The opt-in names one origin; another host or port of the same name gets nothing.
    const optIn = { ...sub, tokenOrigin: 'wss://proxy.example' };
    expect(finnhubUrl('wss://proxy.example/f?x=1', optIn)).toBe('wss://proxy.example/f?x=1&token=s3cr3t%2F%2B');
    expect(finnhubUrl('wss://proxy.example:8443/f', optIn)).toBe('wss://proxy.example:8443/f');
    expect(finnhubUrl('wss://other.example/f', optIn)).toBe('wss://other.example/f');
  });

  it('subscribes one symbol per message, trades only', () => {
    expect(finnhubSubscribeMessages(sub).map((m) => JSON.parse(m))).toEqual([
      { type: 'subscribe', symbol: 'AAPL' },
      { type: 'subscribe', symbol: 'BINANCE:BTCUSDT' },
    ]);
    const plans = planConnections(finnhubProfile, sub);
    expect(plans).toHaveLength(1);
    expect(plans[0]?.subscription.quotes).toBe(false);
    expect(planConnections(finnhubProfile, { ...sub, trades: false })).toEqual([]);
  });
});
