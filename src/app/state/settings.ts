import {
  DEFAULT_INSTRUMENTS,
  type EndpointOverrides,
  type FeedMode,
  type VenueOverride,
} from '../../core/feed/feed-config';
import { isLiveVenue, LIVE_VENUES, type LiveVenueId } from '../../core/exchange/venues';
import { checkEndpoint, originOf, type EndpointKind } from '../../core/feed/endpoint-policy';
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
  /**
   * The one custom origin ("wss://proxy.example") the user explicitly allowed to receive the
   * Finnhub token; '' for none. Without it the token goes to Finnhub's own socket only.
   */
  readonly finnhubTokenOrigin: string;
}

export const DEFAULT_SETTINGS: AppSettings = {
  mode: 'auto',
  instruments: DEFAULT_INSTRUMENTS,
  endpoints: {},
  finnhubToken: '',
  finnhubTokenOrigin: '',
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

/** A user's endpoint value that breaks the address rules, with the reason in words. */
export interface RefusedEndpoint {
  readonly venue: string;
  readonly field: EndpointKind;
  readonly value: string;
  readonly error: string;
}

interface CheckedOverride {
  readonly override: VenueOverride | undefined;
  readonly refused: readonly RefusedEndpoint[];
}

/** A venue's ws/rest pair with every non-empty value checked against the address rules. */
function checkOverride(venue: string, value: unknown): CheckedOverride {
  if (typeof value !== 'object' || value === null) return { override: undefined, refused: [] };
  const raw = value as { ws?: unknown; rest?: unknown };
  const out: { ws?: string; rest?: string } = {};
  const refused: RefusedEndpoint[] = [];
  for (const field of ['ws', 'rest'] as const) {
    const text = raw[field];
    if (typeof text !== 'string' || text.trim() === '') continue;
    const check = checkEndpoint(text, field);
    if (check.ok) out[field] = check.address.url;
    else refused.push({ venue, field, value: text.trim(), error: check.error });
  }
  const override = out.ws === undefined && out.rest === undefined ? undefined : out;
  return { override, refused };
}

/** Only venues we know, only addresses that pass the rules; what was refused, and why. */
export function checkEndpoints(value: unknown): { endpoints: EndpointOverrides; refused: RefusedEndpoint[] } {
  const endpoints: Partial<Record<LiveVenueId, VenueOverride>> = {};
  const refused: RefusedEndpoint[] = [];
  if (typeof value !== 'object' || value === null) return { endpoints, refused };
  for (const venue of LIVE_VENUES) {
    const checked = checkOverride(venue, (value as Record<string, unknown>)[venue]);
    if (checked.override !== undefined) endpoints[venue] = checked.override;
    refused.push(...checked.refused);
  }
  return { endpoints, refused };
}

/** Only venues we know, only valid non-empty bases (anything else is dropped). */
export function cleanEndpoints(value: unknown): EndpointOverrides {
  return checkEndpoints(value).endpoints;
}

function cleanOverride(value: unknown): VenueOverride | undefined {
  return checkOverride('', value).override;
}

/** Origins of every custom endpoint in `endpoints`: what the page's connection policy must admit. */
export function endpointOrigins(endpoints: EndpointOverrides): string[] {
  const out = new Set<string>();
  for (const o of Object.values(endpoints)) {
    for (const url of [o?.ws, o?.rest]) {
      const origin = url === undefined ? null : originOf(url);
      if (origin !== null) out.add(origin);
    }
  }
  return [...out].sort();
}

/** The origin the Finnhub token may go to under these settings, beyond Finnhub's own (or none). */
export function finnhubTokenOriginFor(settings: AppSettings): string | undefined {
  const ws = settings.endpoints.finnhub?.ws;
  if (ws === undefined || settings.finnhubTokenOrigin === '') return undefined;
  return originOf(ws) === settings.finnhubTokenOrigin ? settings.finnhubTokenOrigin : undefined;
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
    finnhubTokenOrigin: typeof r['finnhubTokenOrigin'] === 'string' ? (originOf(r['finnhubTokenOrigin']) ?? '') : '',
  };
}

/** One endpoint a link would change: a new address, or `null` for back to the venue's default. */
export interface EndpointChange {
  readonly venue: LiveVenueId;
  readonly field: EndpointKind;
  readonly url: string | null;
}

/** What a link asks for. Endpoint changes wait for the user's confirmation; the rest applies at once. */
export interface LinkProposal {
  /** The settings if the user accepts (token opt-in not included: see `acceptProposal`). */
  readonly settings: AppSettings;
  readonly changes: readonly EndpointChange[];
  readonly refused: readonly RefusedEndpoint[];
}

/** True when the link changes or tries to change where data goes: ask before applying anything. */
export function needsConfirmation(proposal: LinkProposal): boolean {
  return proposal.changes.length > 0 || proposal.refused.length > 0;
}

/**
 * Settings a link asks for, so a proxy setup can be shared: `?feed=demo`,
 * `?instruments=binance-spot:BTCUSDT,kraken:BTC/USD`, `?endpoint.<venue>.ws=wss://proxy…`,
 * `?endpoint.<venue>.rest=https://proxy…`, and the older Binance-only `?binance-ws=`,
 * `?binance-rest=`, `?symbols=BTCUSDT,ETHUSDT`. Endpoints are never applied from here: the
 * proposal lists them for the user to confirm, and refuses addresses that break the rules. Tokens
 * are never taken from the URL (it ends up in history and server logs): set them in Settings.
 */
export function proposalFromQuery(base: AppSettings, query: URLSearchParams): LinkProposal | null {
  let touched = false;
  let mode = base.mode;
  let instruments = base.instruments;
  const endpoints: Partial<Record<LiveVenueId, VenueOverride | undefined>> = { ...base.endpoints };
  const changes: EndpointChange[] = [];
  const refused: RefusedEndpoint[] = [];
  const setEndpoint = (venue: LiveVenueId, field: EndpointKind, value: string) => {
    touched = true;
    let url: string | null = null;
    if (value.trim() !== '') {
      const check = checkEndpoint(value, field);
      if (!check.ok) {
        refused.push({ venue, field, value: value.trim(), error: check.error });
        return;
      }
      url = check.address.url;
    }
    if ((endpoints[venue]?.[field] ?? null) === url) return;
    // An empty value clears the override (back to the venue's default).
    endpoints[venue] = cleanOverride({ ...endpoints[venue], [field]: url ?? '' });
    const at = changes.findIndex((c) => c.venue === venue && c.field === field);
    if (at >= 0) changes.splice(at, 1);
    changes.push({ venue, field, url });
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
    if (m !== null && isLiveVenue(m[1] as string)) setEndpoint(m[1] as LiveVenueId, m[2] as EndpointKind, value);
  }
  if (!touched) return null;
  const finnhubMoved = changes.some((c) => c.venue === 'finnhub' && c.field === 'ws');
  return {
    settings: {
      ...base,
      mode,
      instruments: instruments.length > 0 ? instruments : base.instruments,
      endpoints: cleanEndpoints(endpoints),
      // A link that moves Finnhub's socket never inherits an earlier token opt-in.
      finnhubTokenOrigin: finnhubMoved ? '' : base.finnhubTokenOrigin,
    },
    changes,
    refused,
  };
}

/**
 * The settings to save when the user accepts a link. `sendToken` is the separate opt-in that lets
 * the Finnhub token go to the link's Finnhub host; without it, the token stays home.
 */
export function acceptProposal(proposal: LinkProposal, sendToken: boolean): AppSettings {
  const ws = proposal.settings.endpoints.finnhub?.ws;
  const origin = sendToken && ws !== undefined ? originOf(ws) : null;
  return origin === null ? proposal.settings : { ...proposal.settings, finnhubTokenOrigin: origin };
}

/** The stored settings, and what the page's link asks for when that needs the user's confirmation. */
export interface LoadedSettings {
  readonly settings: AppSettings;
  readonly proposal: LinkProposal | null;
}

export async function loadSettings(db: TapewatchDb, query: URLSearchParams): Promise<LoadedSettings> {
  const stored = settingsFromStored(await readSetting<unknown>(db, KEY, null));
  const proposal = proposalFromQuery(stored, query);
  if (proposal === null) return { settings: stored, proposal: null };
  if (needsConfirmation(proposal)) return { settings: stored, proposal };
  await saveSettings(db, proposal.settings);
  return { settings: proposal.settings, proposal: null };
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
export async function loadSavedSettings(db: TapewatchDb): Promise<AppSettings> {
  return (await loadSettings(db, new URLSearchParams())).settings;
}
