import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl } from './redact';
import { RejectCounter } from './reject';

describe('redaction', () => {
  it('masks the token of a Finnhub URL', () => {
    expect(redactUrl('wss://ws.finnhub.io?token=c0ffee123')).toBe('wss://ws.finnhub.io?token=***');
    expect(redactUrl('wss://proxy.example/finnhub?x=1&token=abc&y=2')).toBe(
      'wss://proxy.example/finnhub?x=1&token=***&y=2',
    );
    expect(redactUrl('wss://user:pass@proxy.example/ws?apiKey=k')).toBe('wss://***@proxy.example/ws?apiKey=***');
    expect(redactUrl('wss://stream.binance.com:9443/stream?streams=btcusdt@trade')).toBe(
      'wss://stream.binance.com:9443/stream?streams=btcusdt@trade',
    );
  });

  it('masks credentials in free text and JSON', () => {
    expect(redactSecrets('connect to wss://ws.finnhub.io/?token=sekret failed')).toBe(
      'connect to wss://ws.finnhub.io/?token=*** failed',
    );
    expect(redactSecrets('{"action":"auth","key":"AK1","secret":"S2"}')).toBe(
      '{"action":"auth","key":"***","secret":"***"}',
    );
    expect(redactSecrets('{"type":"trade","p":1}')).toBe('{"type":"trade","p":1}');
  });

  it('keeps reject samples free of tokens', () => {
    const counter = new RejectCounter();
    counter.add('venue-error', 'handshake to wss://ws.finnhub.io?token=sekret refused');
    expect(counter.samples['venue-error']).toBe('handshake to wss://ws.finnhub.io?token=*** refused');
    expect(counter.samples['venue-error']).not.toContain('sekret');
  });
});
