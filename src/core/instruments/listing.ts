import { trimBase } from '../exchange/backfill';
import { LIVE_VENUES, VENUE_META, type LiveVenueId } from '../exchange/venues';
import { isObject, parseJson, preview, type JsonObject } from '../exchange/wire-values';
import { canonicalDecimal, tickFromDecimals, type Instrument } from './instrument';
import { canonicalAsset } from './symbols';

/**
 * Public instrument listings, as pure functions: the app does the fetch (a simple GET, no custom
 * headers) and walks the pages. Parsers follow the documented payloads and never throw: a bad
 * body comes back as `error`, bad rows are skipped and counted.
 */

/** One listing page turned into instruments, plus the cursor of the next page (null: done). */
export interface ListingPage {
  readonly instruments: readonly Instrument[];
  readonly next: string | null;
  readonly skipped: number;
  readonly error?: string;
}

export interface ListingSource {
  readonly venue: LiveVenueId;
  /** Default REST base; a user override (proxy, mock) replaces it. */
  readonly defaultBase: string;
  /** URL of a page: `cursor` null for the first. */
  url(base: string, cursor: string | null): string;
  parse(body: string, cursor: string | null): ListingPage;
}

/** Default REST base of every live venue (the listing host; backfill sources share it). */
export const DEFAULT_REST: Readonly<Record<LiveVenueId, string>> = Object.fromEntries(
  LIVE_VENUES.map((venue) => [venue, VENUE_META[venue].rest]),
) as Record<LiveVenueId, string>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function fail(error: string): ListingPage {
  return { instruments: [], next: null, skipped: 0, error };
}

function tick(text: unknown): string | undefined {
  const s = str(text);
  return s === undefined ? undefined : canonicalDecimal(s);
}

// ---- Binance --------------------------------------------------------------------------------------

function binanceError(body: unknown): string {
  if (isObject(body) && 'code' in body) return `${String(body['code'])} ${String(body['msg'])}`;
  return `not an exchangeInfo: ${preview(body)}`;
}

function binanceTick(row: JsonObject): string | undefined {
  const filters = row['filters'];
  if (!Array.isArray(filters)) return undefined;
  for (const f of filters) if (isObject(f) && f['filterType'] === 'PRICE_FILTER') return tick(f['tickSize']);
  return undefined;
}

/** `GET /api/v3/exchangeInfo`: `{symbols:[{symbol,status,baseAsset,quoteAsset,filters:[{filterType:"PRICE_FILTER",tickSize}]}]}`. */
export function parseBinanceSpotExchangeInfo(body: string): ListingPage {
  const msg = parseJson(body);
  if (!isObject(msg) || !Array.isArray(msg['symbols'])) return fail(binanceError(msg));
  const out: Instrument[] = [];
  let skipped = 0;
  for (const row of msg['symbols'] as unknown[]) {
    if (!isObject(row)) {
      skipped++;
      continue;
    }
    const symbol = str(row['symbol']);
    const base = str(row['baseAsset']);
    const quote = str(row['quoteAsset']);
    if (symbol === undefined || base === undefined || quote === undefined) {
      skipped++;
      continue;
    }
    if (row['status'] !== undefined && row['status'] !== 'TRADING') continue;
    const tickSize = binanceTick(row);
    out.push({
      venue: 'binance-spot',
      symbol,
      base: canonicalAsset(base),
      quote: canonicalAsset(quote),
      kind: 'spot',
      ...(tickSize !== undefined ? { tickSize } : {}),
    });
  }
  return { instruments: out, next: null, skipped };
}

/** `GET /fapi/v1/exchangeInfo`: perpetuals only (`contractType: "PERPETUAL"`); quarterlies are left out. */
export function parseBinanceUsdmExchangeInfo(body: string): ListingPage {
  const msg = parseJson(body);
  if (!isObject(msg) || !Array.isArray(msg['symbols'])) return fail(binanceError(msg));
  const out: Instrument[] = [];
  let skipped = 0;
  for (const row of msg['symbols'] as unknown[]) {
    if (!isObject(row)) {
      skipped++;
      continue;
    }
    const symbol = str(row['symbol']);
    const base = str(row['baseAsset']);
    const quote = str(row['quoteAsset']);
    if (symbol === undefined || base === undefined || quote === undefined) {
      skipped++;
      continue;
    }
    if (row['contractType'] !== 'PERPETUAL') continue;
    if (row['status'] !== undefined && row['status'] !== 'TRADING') continue;
    const tickSize = binanceTick(row);
    out.push({
      venue: 'binance-usdm',
      symbol,
      base: canonicalAsset(base),
      quote: canonicalAsset(quote),
      kind: 'perp',
      ...(tickSize !== undefined ? { tickSize } : {}),
    });
  }
  return { instruments: out, next: null, skipped };
}

// ---- Coinbase ------------------------------------------------------------------------------------

/** `GET /products`: `[{id:"BTC-USD",base_currency,quote_currency,quote_increment,status:"online",trading_disabled}]`. */
export function parseCoinbaseProducts(body: string): ListingPage {
  const rows = parseJson(body);
  if (!Array.isArray(rows)) {
    return fail(
      isObject(rows) && typeof rows['message'] === 'string' ? rows['message'] : `not a product list: ${preview(body)}`,
    );
  }
  const out: Instrument[] = [];
  let skipped = 0;
  for (const row of rows) {
    const id = isObject(row) ? str(row['id']) : undefined;
    const base = isObject(row) ? str(row['base_currency']) : undefined;
    const quote = isObject(row) ? str(row['quote_currency']) : undefined;
    if (!isObject(row) || id === undefined || base === undefined || quote === undefined) {
      skipped++;
      continue;
    }
    if (row['trading_disabled'] === true) continue;
    if (row['status'] !== undefined && row['status'] !== 'online') continue;
    const tickSize = tick(row['quote_increment']);
    out.push({
      venue: 'coinbase',
      symbol: id,
      base: canonicalAsset(base),
      quote: canonicalAsset(quote),
      kind: 'spot',
      ...(tickSize !== undefined ? { tickSize } : {}),
    });
  }
  return { instruments: out, next: null, skipped };
}

// ---- Kraken --------------------------------------------------------------------------------------

/**
 * `GET /0/public/AssetPairs`: `{error:[],result:{XXBTZUSD:{altname,wsname:"XBT/USD",base,quote,tick_size,pair_decimals,status}}}`.
 * The websocket v2 spells pairs with common tickers ("BTC/USD"), so `wsname`'s legacy codes are
 * mapped (XBT→BTC, XDG→DOGE). Pairs without a `wsname` (dark pools) have no public feed.
 */
export function parseKrakenAssetPairs(body: string): ListingPage {
  const msg = parseJson(body);
  if (!isObject(msg)) return fail(`not JSON: ${preview(body)}`);
  const errors = msg['error'];
  if (Array.isArray(errors) && errors.length > 0) return fail(errors.map(String).join('; '));
  const result = msg['result'];
  if (!isObject(result)) return fail('no result');
  const out: Instrument[] = [];
  let skipped = 0;
  for (const row of Object.values(result)) {
    const wsname = isObject(row) ? str(row['wsname']) : undefined;
    if (!isObject(row) || wsname === undefined) {
      skipped++;
      continue;
    }
    const slash = wsname.indexOf('/');
    if (slash <= 0 || slash === wsname.length - 1) {
      skipped++;
      continue;
    }
    if (row['status'] !== undefined && row['status'] !== 'online') continue;
    const base = canonicalAsset(wsname.slice(0, slash));
    const quote = canonicalAsset(wsname.slice(slash + 1));
    const tickSize =
      tick(row['tick_size']) ??
      (typeof row['pair_decimals'] === 'number' ? tickFromDecimals(row['pair_decimals']) : undefined);
    out.push({
      venue: 'kraken',
      symbol: `${base}/${quote}`,
      base,
      quote,
      kind: 'spot',
      ...(tickSize !== undefined ? { tickSize } : {}),
    });
  }
  return { instruments: out, next: null, skipped };
}

// ---- Bybit ---------------------------------------------------------------------------------------

/**
 * `GET /v5/market/instruments-info?category=spot|linear`: `{retCode:0,result:{list:[{symbol,baseCoin,quoteCoin,status:"Trading",contractType,priceFilter:{tickSize}}],nextPageCursor}}`.
 * Linear keeps perpetuals only (`LinearPerpetual`); its list is paged by `nextPageCursor`.
 */
export function parseBybitInstruments(body: string, category: 'spot' | 'linear'): ListingPage {
  const msg = parseJson(body);
  if (!isObject(msg)) return fail(`not JSON: ${preview(body)}`);
  if (msg['retCode'] !== 0) return fail(`${String(msg['retCode'])} ${String(msg['retMsg'])}`);
  const result = msg['result'];
  if (!isObject(result) || !Array.isArray(result['list'])) return fail('no result list');
  const venue = category === 'spot' ? 'bybit-spot' : 'bybit-linear';
  const out: Instrument[] = [];
  let skipped = 0;
  for (const row of result['list'] as unknown[]) {
    const symbol = isObject(row) ? str(row['symbol']) : undefined;
    const base = isObject(row) ? str(row['baseCoin']) : undefined;
    const quote = isObject(row) ? str(row['quoteCoin']) : undefined;
    if (!isObject(row) || symbol === undefined || base === undefined || quote === undefined) {
      skipped++;
      continue;
    }
    if (row['status'] !== undefined && row['status'] !== 'Trading') continue;
    if (category === 'linear' && row['contractType'] !== undefined && row['contractType'] !== 'LinearPerpetual')
      continue;
    const tickSize = isObject(row['priceFilter']) ? tick(row['priceFilter']['tickSize']) : undefined;
    out.push({
      venue,
      symbol,
      base: canonicalAsset(base),
      quote: canonicalAsset(quote),
      kind: category === 'spot' ? 'spot' : 'perp',
      ...(tickSize !== undefined ? { tickSize } : {}),
    });
  }
  const cursor = str(result['nextPageCursor']);
  const more = category === 'linear' && (result['list'] as unknown[]).length > 0;
  return { instruments: out, next: more ? (cursor ?? null) : null, skipped };
}

// ---- OKX -----------------------------------------------------------------------------------------

/**
 * `GET /api/v5/public/instruments?instType=SPOT|SWAP`: `{code:"0",data:[{instType,instId,baseCcy,quoteCcy,uly,ctVal,ctType,tickSz,state}]}`.
 * SWAP sizes are contracts: `ctVal` becomes `contractValue` (the live feed multiplies by it).
 */
export function parseOkxInstruments(body: string): ListingPage {
  const msg = parseJson(body);
  if (!isObject(msg)) return fail(`not JSON: ${preview(body)}`);
  if (msg['code'] !== '0' && msg['code'] !== 0) return fail(`${String(msg['code'])} ${String(msg['msg'])}`);
  if (!Array.isArray(msg['data'])) return fail('no data array');
  const out: Instrument[] = [];
  let skipped = 0;
  for (const row of msg['data'] as unknown[]) {
    const instId = isObject(row) ? str(row['instId']) : undefined;
    if (!isObject(row) || instId === undefined) {
      skipped++;
      continue;
    }
    if (row['state'] !== undefined && row['state'] !== 'live') continue;
    const type = row['instType'];
    const tickSize = tick(row['tickSz']);
    if (type === 'SPOT') {
      const base = str(row['baseCcy']);
      const quote = str(row['quoteCcy']);
      if (base === undefined || quote === undefined) {
        skipped++;
        continue;
      }
      out.push({
        venue: 'okx',
        symbol: instId,
        base: canonicalAsset(base),
        quote: canonicalAsset(quote),
        kind: 'spot',
        ...(tickSize !== undefined ? { tickSize } : {}),
      });
    } else if (type === 'SWAP') {
      const [base, quote] = (str(row['uly']) ?? instId).split('-');
      const ctVal = tick(row['ctVal']);
      if (base === undefined || quote === undefined || ctVal === undefined) {
        skipped++;
        continue;
      }
      out.push({
        venue: 'okx',
        symbol: instId,
        base: canonicalAsset(base),
        quote: canonicalAsset(quote),
        kind: 'perp',
        contractValue: ctVal,
        ...(row['ctType'] === 'inverse' ? { inverse: true } : {}),
        ...(tickSize !== undefined ? { tickSize } : {}),
      });
    }
  }
  return { instruments: out, next: null, skipped };
}

// ---- Bitstamp ------------------------------------------------------------------------------------

/**
 * `GET /api/v2/trading-pairs-info/`: `[{name:"BTC/USD",url_symbol:"btcusd",counter_decimals,trading:"Enabled"}]`.
 * The feed spells pairs as `url_symbol` upper-cased ("BTCUSD"; channels use the lower case).
 */
export function parseBitstampPairs(body: string): ListingPage {
  const rows = parseJson(body);
  if (!Array.isArray(rows)) return fail(`not a pair list: ${preview(body)}`);
  const out: Instrument[] = [];
  let skipped = 0;
  for (const row of rows) {
    const name = isObject(row) ? str(row['name']) : undefined;
    const url = isObject(row) ? str(row['url_symbol']) : undefined;
    const slash = name?.indexOf('/') ?? -1;
    if (!isObject(row) || name === undefined || url === undefined || slash <= 0) {
      skipped++;
      continue;
    }
    if (row['trading'] !== undefined && row['trading'] !== 'Enabled') continue;
    const decimals = row['counter_decimals'];
    const tickSize = typeof decimals === 'number' ? tickFromDecimals(decimals) : undefined;
    out.push({
      venue: 'bitstamp',
      symbol: url.toUpperCase(),
      base: canonicalAsset(name.slice(0, slash)),
      quote: canonicalAsset(name.slice(slash + 1)),
      kind: 'spot',
      ...(tickSize !== undefined ? { tickSize } : {}),
    });
  }
  return { instruments: out, next: null, skipped };
}

// ---- Sources -------------------------------------------------------------------------------------

const single = (venue: LiveVenueId, path: string, parse: (body: string) => ListingPage): ListingSource => ({
  venue,
  defaultBase: DEFAULT_REST[venue],
  url: (base) => `${trimBase(base)}${path}`,
  parse: (body) => parse(body),
});

/** OKX lists SPOT and SWAP separately: the "cursor" of the second page is the instrument type. */
const okxListing: ListingSource = {
  venue: 'okx',
  defaultBase: DEFAULT_REST.okx,
  url: (base, cursor) => `${trimBase(base)}/api/v5/public/instruments?instType=${cursor ?? 'SPOT'}`,
  parse(body, cursor) {
    const page = parseOkxInstruments(body);
    return page.error === undefined && cursor === null ? { ...page, next: 'SWAP' } : page;
  },
};

const bybitLinearListing: ListingSource = {
  venue: 'bybit-linear',
  defaultBase: DEFAULT_REST['bybit-linear'],
  url: (base, cursor) =>
    `${trimBase(base)}/v5/market/instruments-info?category=linear&limit=1000${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
  parse: (body) => parseBybitInstruments(body, 'linear'),
};

/** Where each venue lists its instruments; Finnhub has no keyless listing (a shipped list serves). */
export const LISTING_SOURCES: Readonly<Partial<Record<LiveVenueId, ListingSource>>> = {
  'binance-spot': single('binance-spot', '/api/v3/exchangeInfo', parseBinanceSpotExchangeInfo),
  'binance-usdm': single('binance-usdm', '/fapi/v1/exchangeInfo', parseBinanceUsdmExchangeInfo),
  coinbase: single('coinbase', '/products', parseCoinbaseProducts),
  kraken: single('kraken', '/0/public/AssetPairs', parseKrakenAssetPairs),
  'bybit-spot': single('bybit-spot', '/v5/market/instruments-info?category=spot', (b) =>
    parseBybitInstruments(b, 'spot'),
  ),
  'bybit-linear': bybitLinearListing,
  okx: okxListing,
  bitstamp: single('bitstamp', '/trading-pairs-info/', parseBitstampPairs),
};

/** Most pages one listing may take (Bybit linear: ~600 symbols at 1000 per page today). */
export const MAX_LISTING_PAGES = 20;
