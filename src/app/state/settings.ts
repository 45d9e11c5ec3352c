import {
  DEFAULT_INSTRUMENTS,
  type EndpointOverrides,
  type FeedMode,
  type VenueOverride,
} from '../../core/feed/feed-controller';
import { isLiveVenue, LIVE_VENUES, type LiveVenueId } from '../../core/exchange/registry';
import { parseInstrumentKey } from '../../core/exchange/types';
import type { TapewatchDb } from '../../data/db';
import { readSetting, writeSetting } from '../../data/settings-store';

export interface AppSettings {
  readonly mode: FeedMode;
  /** The watch list: "venue:SYMBOL" in each venue's own spelling ("kraken:BTC/USD"). */
  readonly instruments: readonly string[];
  /** Per-venue websocket root and REST base overrides (proxies where a venue is blocked). */
  readonly endpoints: EndpointOverrides;
  /**
   * Finnhub API token. Kept only in IndexedDB (never in the URL of the app, never logged); the
   * settings dialog shows it masked.
   */
  readonly finnhubToken: string;
}

export const DEFAULT_SETTINGS: AppSettings = {
  mode: 'auto',
  instruments: DEFAULT_INSTRUMENTS,
  endpoints: {},
  finnhubToken: '',
};

const KEY = 'app-settings';

function isMode(value: unknown): value is FeedMode {
  return value === 'auto' || value === 'live' || value === 'demo';
}

/**
 * A watch-list key as typed or linked ("kraken:btc/usd") in canonical form, or null. Symbols are
 * upper case on every venue we speak (Bitstamp's channels lower-case them on the wire).
 */
export function normaliseInstrumentKey(text: string): string | null {
  const parsed = parseInstrumentKey(text.trim());
  if (parsed === null || !isLiveVenue(parsed.venue)) return null;
  const symbol = parsed.symbol.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9/_:.-]{0,39}$/.test(symbol)) return null;
  return `${parsed.venue}:${symbol}`;
}

/** Splits a list ("a, b c") into valid, de-duplicated instrument keys. */
export function parseInstrumentList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[\s,]+/)) {
    const key = part === '' ? null : normaliseInstrumentKey(part);
    if (key !== null && !out.includes(key)) out.push(key);
  }
  return out;
}

const LEGACY_SYMBOL = /^[A-Z0-9]{2,20}$/;

function legacySymbols(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => LEGACY_SYMBOL.test(s))
    .map((s) => `binance-spot:${s}`);
}

function cleanOverride(value: unknown): VenueOverride | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { ws, rest } = value as { ws?: unknown; rest?: unknown };
  const out: { ws?: string; rest?: string } = {};
  if (typeof ws === 'string' && ws.trim() !== '') out.ws = ws.trim();
  if (typeof rest === 'string' && rest.trim() !== '') out.rest = rest.trim();
  return out.ws === undefined && out.rest === undefined ? undefined : out;
}

/** Only venues we know, only non-empty bases. */
export function cleanEndpoints(value: unknown): EndpointOverrides {
  const out: Partial<Record<LiveVenueId, VenueOverride>> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const venue of LIVE_VENUES) {
    const o = cleanOverride((value as Record<string, unknown>)[venue]);
    if (o !== undefined) out[venue] = o;
  }
  return out;
}

/**
 * Settings as stored, from any version: v1 rows had `symbols` (Binance spot) and
 * `binanceSpotWs`/`binanceSpotRest`; the v2 migration added `instruments` beside them.
 */
export function settingsFromStored(raw: unknown): AppSettings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const r = raw as Record<string, unknown>;
  let instruments = Array.isArray(r['instruments'])
    ? parseInstrumentList(r['instruments'].filter((s) => typeof s === 'string').join(','))
    : Array.isArray(r['symbols'])
      ? legacySymbols(r['symbols'].join(','))
      : [...DEFAULT_SETTINGS.instruments];
  if (instruments.length === 0) instruments = [...DEFAULT_SETTINGS.instruments];
  const endpoints: Partial<Record<LiveVenueId, VenueOverride>> = { ...cleanEndpoints(r['endpoints']) };
  if (endpoints['binance-spot'] === undefined) {
    const legacy = cleanOverride({ ws: r['binanceSpotWs'], rest: r['binanceSpotRest'] });
    // v1 stored the defaults too; only a real override is worth keeping.
    const ws = legacy?.ws === 'wss://stream.binance.com:9443' ? undefined : legacy?.ws;
    const rest = legacy?.rest === 'https://api.binance.com' ? undefined : legacy?.rest;
    const o = cleanOverride({ ws, rest });
    if (o !== undefined) endpoints['binance-spot'] = o;
  }
  return {
    mode: isMode(r['mode']) ? r['mode'] : DEFAULT_SETTINGS.mode,
    instruments,
    endpoints,
    finnhubToken: typeof r['finnhubToken'] === 'string' ? r['finnhubToken'] : '',
  };
}

/**
 * Settings from the query string override and are saved, so a proxy setup can be shared as a
 * link: `?feed=demo`, `?instruments=binance-spot:BTCUSDT,kraken:BTC/USD`,
 * `?endpoint.<venue>.ws=wss://proxy…`, `?endpoint.<venue>.rest=https://proxy…`, and the older
 * Binance-only `?binance-ws=`, `?binance-rest=`, `?symbols=BTCUSDT,ETHUSDT`. Tokens are never
 * taken from the URL (it ends up in history and server logs): set them in Settings.
 */
export function settingsFromQuery(base: AppSettings, query: URLSearchParams): AppSettings | null {
  let touched = false;
  let mode = base.mode;
  let instruments = base.instruments;
  const endpoints: Partial<Record<LiveVenueId, VenueOverride | undefined>> = { ...base.endpoints };
  const setEndpoint = (venue: LiveVenueId, field: 'ws' | 'rest', value: string) => {
    // An empty value clears the override (cleanOverride drops empty fields).
    endpoints[venue] = cleanOverride({ ...endpoints[venue], [field]: value });
    touched = true;
  };
  const feed = query.get('feed');
  if (feed !== null) {
    touched = true;
    if (isMode(feed)) mode = feed;
  }
  const symbols = query.get('symbols');
  if (symbols !== null) {
    touched = true;
    instruments = legacySymbols(symbols);
  }
  const list = query.get('instruments');
  if (list !== null) {
    touched = true;
    instruments = parseInstrumentList(list);
  }
  const ws = query.get('binance-ws');
  if (ws !== null) setEndpoint('binance-spot', 'ws', ws);
  const rest = query.get('binance-rest');
  if (rest !== null) setEndpoint('binance-spot', 'rest', rest);
  for (const [name, value] of query) {
    const m = /^endpoint\.([a-z-]+)\.(ws|rest)$/.exec(name);
    if (m !== null && isLiveVenue(m[1] as string)) setEndpoint(m[1] as LiveVenueId, m[2] as 'ws' | 'rest', value);
  }
  if (!touched) return null;
  return {
    ...base,
    mode,
    instruments: instruments.length > 0 ? instruments : base.instruments,
    endpoints: cleanEndpoints(endpoints),
  };
}

export async function loadSettings(db: TapewatchDb, query: URLSearchParams): Promise<AppSettings> {
  const stored = settingsFromStored(await readSetting<unknown>(db, KEY, null));
  const fromQuery = settingsFromQuery(stored, query);
  if (fromQuery === null) return stored;
  await saveSettings(db, fromQuery);
  return fromQuery;
}

export async function saveSettings(db: TapewatchDb, settings: AppSettings): Promise<void> {
  // `symbols` keeps v1 readers working: the Binance spot part of the watch list.
  const symbols = settings.instruments.flatMap((k) => {
    const p = parseInstrumentKey(k);
    return p !== null && p.venue === 'binance-spot' ? [p.symbol] : [];
  });
  await writeSetting(db, KEY, { ...settings, symbols });
}

/** A token for display: never the secret itself. */
export function maskToken(token: string): string {
  if (token === '') return 'none';
  return token.length <= 4 ? '••••' : `••••${token.slice(-2)}`;
}

/** The saved settings alone (another tab may have changed them), without a link's parameters. */
export function loadSavedSettings(db: TapewatchDb): Promise<AppSettings> {
  return loadSettings(db, new URLSearchParams());
}
