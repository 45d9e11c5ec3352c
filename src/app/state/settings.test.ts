import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  maskToken,
  normaliseInstrumentKey,
  parseInstrumentList,
  acceptProposal,
  checkEndpoints,
  endpointOrigins,
  finnhubTokenOriginFor,
  needsConfirmation,
  proposalFromQuery,
  settingsFromStored,
} from './settings';

describe('settings', () => {
  it('reads v1 rows (Binance symbols and endpoints) and v2 rows with instruments', () => {
    expect(
      settingsFromStored({
        mode: 'live',
        symbols: ['BTCUSDT', 'ETHUSDT'],
        binanceSpotWs: 'wss://proxy.example/binance',
        binanceSpotRest: 'https://api.binance.com',
      }),
    ).toEqual({
      mode: 'live',
      instruments: ['binance-spot:BTCUSDT', 'binance-spot:ETHUSDT'],
      endpoints: { 'binance-spot': { ws: 'wss://proxy.example/binance' } },
      finnhubToken: '',
      finnhubTokenOrigin: '',
    });
    // v2 migration: instruments beside the legacy symbols; defaults are not kept as overrides.
    expect(
      settingsFromStored({
        mode: 'auto',
        symbols: ['BTCUSDT'],
        instruments: ['binance-spot:BTCUSDT', 'kraken:btc/usd', 'nowhere:X'],
        binanceSpotWs: 'wss://stream.binance.com:9443',
        binanceSpotRest: 'https://api.binance.com',
        finnhubToken: 'abc',
      }),
    ).toEqual({
      mode: 'auto',
      instruments: ['binance-spot:BTCUSDT', 'kraken:BTC/USD'],
      endpoints: {},
      finnhubToken: 'abc',
      finnhubTokenOrigin: '',
    });
    expect(settingsFromStored(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('takes instruments and per-venue endpoints from the query, and the older Binance form', () => {
    const q = new URLSearchParams({
      feed: 'live',
      instruments: 'binance-spot:BTCUSDT,kraken:BTC/USD,finnhub:OANDA:EUR_USD,bogus',
      'endpoint.kraken.ws': 'ws://127.0.0.1:9/kraken',
      'endpoint.kraken.rest': 'http://127.0.0.1:9/kraken',
      'endpoint.nowhere.ws': 'ws://x',
      'binance-ws': 'ws://127.0.0.1:9',
      'finnhub-token': 'leak',
    });
    const proposal = proposalFromQuery(DEFAULT_SETTINGS, q);
    expect(proposal?.settings).toEqual({
      mode: 'live',
      instruments: ['binance-spot:BTCUSDT', 'kraken:BTC/USD', 'finnhub:OANDA:EUR_USD'],
      endpoints: {
        'binance-spot': { ws: 'ws://127.0.0.1:9' },
        kraken: { ws: 'ws://127.0.0.1:9/kraken', rest: 'http://127.0.0.1:9/kraken' },
      },
      finnhubToken: '',
      finnhubTokenOrigin: '',
    });
    // Every endpoint it would change is listed for the confirmation.
    expect(proposal?.changes).toEqual([
      { venue: 'binance-spot', field: 'ws', url: 'ws://127.0.0.1:9' },
      { venue: 'kraken', field: 'ws', url: 'ws://127.0.0.1:9/kraken' },
      { venue: 'kraken', field: 'rest', url: 'http://127.0.0.1:9/kraken' },
    ]);
    expect(needsConfirmation(proposal!)).toBe(true);
    const legacy = proposalFromQuery(
      DEFAULT_SETTINGS,
      new URLSearchParams({ symbols: 'btcusdt,SOLUSDT', 'binance-rest': 'http://127.0.0.1:9' }),
    );
    expect(legacy?.settings.instruments).toEqual(['binance-spot:BTCUSDT', 'binance-spot:SOLUSDT']);
    expect(legacy?.settings.endpoints).toEqual({ 'binance-spot': { rest: 'http://127.0.0.1:9' } });
    // An empty value clears an override (still a change to confirm); no recognised parameter: nothing.
    const cleared = proposalFromQuery(
      { ...DEFAULT_SETTINGS, endpoints: { okx: { ws: 'wss://proxy/okx' } } },
      new URLSearchParams({ 'endpoint.okx.ws': '' }),
    );
    expect(cleared?.settings.endpoints).toEqual({});
    expect(cleared?.changes).toEqual([{ venue: 'okx', field: 'ws', url: null }]);
    expect(proposalFromQuery(DEFAULT_SETTINGS, new URLSearchParams({ other: '1' }))).toBeNull();
  });

  it('applies mode and instruments from a link at once, but never an endpoint without confirmation', () => {
    const plain = proposalFromQuery(DEFAULT_SETTINGS, new URLSearchParams({ feed: 'demo' }));
    expect(needsConfirmation(plain!)).toBe(false);
    expect(plain?.settings.mode).toBe('demo');
    // The same endpoints the user already confirmed: nothing new to ask.
    const confirmed = { ...DEFAULT_SETTINGS, endpoints: { kraken: { ws: 'wss://proxy.example/kraken' } } };
    const again = proposalFromQuery(
      confirmed,
      new URLSearchParams({ 'endpoint.kraken.ws': 'wss://proxy.example/kraken/' }),
    );
    expect(again?.changes).toEqual([]);
    expect(needsConfirmation(again!)).toBe(false);
    const attack = proposalFromQuery(
      { ...DEFAULT_SETTINGS, finnhubToken: 'secret' },
      new URLSearchParams({ 'endpoint.finnhub.ws': 'wss://attacker.example/x' }),
    );
    expect(needsConfirmation(attack!)).toBe(true);
    expect(attack?.changes).toEqual([{ venue: 'finnhub', field: 'ws', url: 'wss://attacker.example/x' }]);
  });

  it('refuses plain ws/http to anything but this computer, from a link and from the settings form', () => {
    const q = new URLSearchParams({
      'endpoint.finnhub.ws': 'ws://attacker.example/x',
      'endpoint.kraken.rest': 'http://10.0.0.1/kraken',
      'endpoint.okx.ws': 'ws://127.0.0.1:9443/okx',
    });
    const proposal = proposalFromQuery(DEFAULT_SETTINGS, q)!;
    expect(proposal.refused.map((r) => `${r.venue}.${r.field}`)).toEqual(['finnhub.ws', 'kraken.rest']);
    expect(proposal.refused[0]?.error).toMatch(/ws:\/\/ is unencrypted and allowed only for this computer/);
    expect(proposal.refused[0]?.error).toContain('wss://attacker.example');
    expect(proposal.settings.endpoints).toEqual({ okx: { ws: 'ws://127.0.0.1:9443/okx' } });
    expect(needsConfirmation(proposal)).toBe(true);
    const typed = checkEndpoints({
      bitstamp: { ws: 'ws://example.com', rest: 'https://proxy.example/bitstamp/' },
      coinbase: { ws: 'wss://user:pw@proxy.example' },
      kraken: { ws: 'ws://localhost:9443/kraken' },
    });
    expect(typed.endpoints).toEqual({
      bitstamp: { rest: 'https://proxy.example/bitstamp' },
      kraken: { ws: 'ws://localhost:9443/kraken' },
    });
    expect(typed.refused.map((r) => `${r.venue}.${r.field}: ${r.error}`)).toEqual([
      'coinbase.ws: "wss://user:pw@proxy.example" carries a user name or password; endpoints take none',
      expect.stringMatching(/^bitstamp\.ws: ws:\/\/ is unencrypted/),
    ]);
    // Stored settings from before the rule drop what breaks it.
    expect(settingsFromStored({ endpoints: { finnhub: { ws: 'ws://attacker.example/x' } } }).endpoints).toEqual({});
  });

  it('sends the Finnhub token to a linked host only with the separate opt-in for that host', () => {
    const base = { ...DEFAULT_SETTINGS, finnhubToken: 'secret', finnhubTokenOrigin: 'wss://old-proxy.example' };
    const proposal = proposalFromQuery(
      base,
      new URLSearchParams({ 'endpoint.finnhub.ws': 'wss://proxy.example:8443/f' }),
    )!;
    const without = acceptProposal(proposal, false);
    expect(without.finnhubTokenOrigin).toBe('');
    expect(finnhubTokenOriginFor(without)).toBeUndefined();
    const withToken = acceptProposal(proposal, true);
    expect(withToken.finnhubTokenOrigin).toBe('wss://proxy.example:8443');
    expect(finnhubTokenOriginFor(withToken)).toBe('wss://proxy.example:8443');
    // An opt-in for one host never carries to another.
    const moved = { ...withToken, endpoints: { finnhub: { ws: 'wss://elsewhere.example' } } };
    expect(finnhubTokenOriginFor(moved)).toBeUndefined();
    expect(endpointOrigins(withToken.endpoints)).toEqual(['wss://proxy.example:8443']);
  });

  it('normalises instrument keys and masks tokens', () => {
    expect(normaliseInstrumentKey(' okx:btc-usdt-swap ')).toBe('okx:BTC-USDT-SWAP');
    expect(normaliseInstrumentKey('demo:BTCUSDT')).toBeNull();
    expect(normaliseInstrumentKey('kraken:')).toBeNull();
    expect(parseInstrumentList('coinbase:BTC-USD, coinbase:btc-usd\nbitstamp:btcusd')).toEqual([
      'coinbase:BTC-USD',
      'bitstamp:BTCUSD',
    ]);
    expect(maskToken('')).toBe('none');
    expect(maskToken('abcdef123')).toBe('••••23');
    expect(maskToken('abc')).toBe('••••');
  });
});
