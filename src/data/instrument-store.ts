import type { HttpResult } from '../core/feed/http';
import type { LiveVenueId } from '../core/exchange/venues';
import type { OkxContract } from '../core/exchange/okx/wire';
import { parseInstrumentKey } from '../core/exchange/types';
import { keyOf, type Instrument, type InstrumentKind } from '../core/instruments/instrument';
import type { ListingSource } from '../core/instruments/listing';
import { SHIPPED_INSTRUMENTS } from '../core/instruments/shipped';
import type { StoredInstrument, TapewatchDb } from './db';
import { readSetting, writeSetting } from './settings-store';

/** A cached listing is refreshed after this long. */
export const LISTING_REFRESH_MS = 7 * 86_400_000;
/** After a refused listing, the next attempt waits this long (no console error on every open). */
export const LISTING_RETRY_MS = 86_400_000;

/** What the UI shows when it had to fall back to the curated list. */
export const SHIPPED_NOTICE = 'shipped list — venue listing unavailable';

export interface CatalogueStatus {
  readonly venue: LiveVenueId;
  /** listing: fetched now; cache: stored from an earlier fetch; shipped: the curated fallback. */
  readonly source: 'listing' | 'cache' | 'shipped';
  /** When the listing behind this catalogue was fetched; null for the shipped list. */
  readonly updatedMs: number | null;
  /** Why the venue's listing could not be used this time (CORS/network, HTTP status, bad body). */
  readonly error?: string;
  /** A line for the UI, or null when the catalogue is the venue's own listing. */
  readonly notice: string | null;
}

export interface Catalogue {
  readonly instruments: readonly Instrument[];
  readonly status: CatalogueStatus;
}

/** Stored rows carry the normalised fields beyond the schema's indexed ones. */
type InstrumentRow = StoredInstrument & {
  kind?: InstrumentKind;
  inverse?: boolean;
  name?: string;
};

interface ListingMeta {
  /** REST base the cache came from: a different proxy means a different answer. */
  readonly base: string;
  readonly updatedMs?: number;
  readonly failedMs?: number;
  readonly error?: string;
}

const metaKey = (venue: LiveVenueId) => `instruments:${venue}`;

function toRow(i: Instrument, updatedMs: number): InstrumentRow {
  return {
    venue: i.venue,
    symbol: i.symbol,
    base: i.base,
    quote: i.quote,
    kind: i.kind,
    updatedMs,
    ...(i.tickSize !== undefined ? { tickSize: i.tickSize } : {}),
    ...(i.contractValue !== undefined ? { contractValue: i.contractValue } : {}),
    ...(i.inverse === true ? { inverse: true } : {}),
    ...(i.name !== undefined ? { name: i.name } : {}),
  };
}

function fromRow(row: InstrumentRow): Instrument {
  const venue = row.venue as LiveVenueId;
  return {
    venue,
    symbol: row.symbol,
    base: row.base ?? row.symbol,
    quote: row.quote ?? '',
    kind: row.kind ?? 'spot',
    ...(row.tickSize !== undefined ? { tickSize: row.tickSize } : {}),
    ...(row.contractValue !== undefined ? { contractValue: row.contractValue } : {}),
    ...(row.inverse === true ? { inverse: true } : {}),
    ...(row.name !== undefined ? { name: row.name } : {}),
  };
}

/** `fetch` as a simple cross-origin GET; a CORS refusal or network failure rejects (TypeError). */
export async function browserFetchText(url: string): Promise<HttpResult> {
  const res = await fetch(url, { mode: 'cors', credentials: 'omit' });
  return { status: res.status, body: await res.text() };
}

/**
 * Per-venue instrument catalogues: the venue's public listing, cached in the `instruments` table
 * and refreshed weekly. When the listing refuses the browser (CORS, network, HTTP error) the
 * cache serves, else the shipped curated list, and the status says so.
 */
export class InstrumentStore {
  private readonly inflight = new Map<LiveVenueId, Promise<Catalogue>>();

  constructor(
    private readonly db: TapewatchDb,
    private readonly fetchText: (url: string) => Promise<HttpResult> = browserFetchText,
    /** REST bases by venue (user overrides); default: each listing's own. */
    private readonly restBases: Readonly<Partial<Record<LiveVenueId, string>>> = {},
    private readonly now: () => number = Date.now,
  ) {}

  /** The catalogue of one venue; `force` refetches the listing even when the cache is fresh. */
  load(venue: LiveVenueId, options: { force?: boolean } = {}): Promise<Catalogue> {
    const running = this.inflight.get(venue);
    if (running !== undefined) return running;
    const job = this.loadNow(venue, options.force === true).finally(() => this.inflight.delete(venue));
    this.inflight.set(venue, job);
    return job;
  }

  async loadAll(venues: readonly LiveVenueId[]): Promise<Catalogue[]> {
    return Promise.all(venues.map((v) => this.load(v)));
  }

  /** Instruments of a venue as cached, else shipped; never fetches (for startup paths). */
  async cachedOrShipped(venue: LiveVenueId): Promise<Instrument[]> {
    const rows = await this.readRows(venue);
    return rows.length > 0 ? rows : [...SHIPPED_INSTRUMENTS[venue]];
  }

  /**
   * OKX contract values for the watched SWAP instruments, from the cache or the shipped list, so
   * the feed sizes swap trades in base units.
   */
  async okxContracts(instruments: readonly string[]): Promise<Record<string, OkxContract>> {
    const wanted = new Set<string>();
    for (const key of instruments) {
      const parsed = parseInstrumentKey(key);
      if (parsed?.venue === 'okx') wanted.add(parsed.symbol);
    }
    if (wanted.size === 0) return {};
    const out: Record<string, OkxContract> = {};
    const known = [...SHIPPED_INSTRUMENTS.okx, ...(await this.readRows('okx'))];
    for (const i of known) {
      if (!wanted.has(i.symbol) || i.contractValue === undefined) continue;
      out[i.symbol] = { ctVal: i.contractValue, ...(i.inverse === true ? { inverse: true } : {}) };
    }
    return out;
  }

  private async readRows(venue: LiveVenueId): Promise<Instrument[]> {
    const rows = (await this.db.instruments.where('venue').equals(venue).toArray()) as InstrumentRow[];
    return rows.map(fromRow);
  }

  private baseOf(venue: LiveVenueId, source: ListingSource | undefined): string | null {
    if (source === undefined) return null;
    const override = this.restBases[venue]?.trim();
    return override !== undefined && override !== '' ? override : source.defaultBase;
  }

  private async loadNow(venue: LiveVenueId, force: boolean): Promise<Catalogue> {
    // The listing parsers (every venue's) are fetched with the first listing a page loads, not at start.
    const { LISTING_SOURCES, MAX_LISTING_PAGES } = await import('../core/instruments/listing');
    const source = LISTING_SOURCES[venue];
    const base = this.baseOf(venue, source);
    if (source === undefined || base === null) {
      return {
        instruments: SHIPPED_INSTRUMENTS[venue],
        status: { venue, source: 'shipped', updatedMs: null, notice: SHIPPED_NOTICE, error: 'no keyless listing' },
      };
    }
    const meta = await readSetting<ListingMeta | null>(this.db, metaKey(venue), null);
    const sameBase = meta !== null && meta.base === base;
    const cached = sameBase ? await this.readRows(venue) : [];
    const now = this.now();
    const fresh = sameBase && meta.updatedMs !== undefined && now - meta.updatedMs < LISTING_REFRESH_MS;
    const recentlyFailed = sameBase && meta.failedMs !== undefined && now - meta.failedMs < LISTING_RETRY_MS;
    if (!force && cached.length > 0 && fresh) {
      return {
        instruments: cached,
        status: { venue, source: 'cache', updatedMs: meta.updatedMs ?? null, notice: null },
      };
    }
    const fallback = (error: string): Catalogue =>
      cached.length > 0
        ? {
            instruments: cached,
            status: { venue, source: 'cache', updatedMs: meta?.updatedMs ?? null, error, notice: null },
          }
        : {
            instruments: SHIPPED_INSTRUMENTS[venue],
            status: { venue, source: 'shipped', updatedMs: null, error, notice: SHIPPED_NOTICE },
          };
    if (!force && recentlyFailed) return fallback(meta.error ?? 'listing unavailable');

    const fetched: Instrument[] = [];
    let cursor: string | null = null;
    try {
      for (let page = 0; page < MAX_LISTING_PAGES; page++) {
        const res = await this.fetchText(source.url(base, cursor));
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        const parsed = source.parse(res.body, cursor);
        if (parsed.error !== undefined) throw new Error(parsed.error);
        fetched.push(...parsed.instruments);
        if (parsed.next === null) break;
        cursor = parsed.next;
      }
      if (fetched.length === 0) throw new Error('empty listing');
    } catch (e) {
      const error =
        e instanceof TypeError ? 'the venue refused the browser (CORS) or is unreachable' : (e as Error).message;
      await writeSetting(this.db, metaKey(venue), { ...(sameBase ? meta : {}), base, failedMs: now, error });
      return fallback(error);
    }
    const unique = new Map(fetched.map((i) => [keyOf(i), i]));
    const instruments = [...unique.values()];
    await this.db.transaction('rw', this.db.instruments, this.db.settings, async () => {
      await this.db.instruments.where('venue').equals(venue).delete();
      await this.db.instruments.bulkPut(instruments.map((i) => toRow(i, now)));
      await writeSetting(this.db, metaKey(venue), { base, updatedMs: now } satisfies ListingMeta);
    });
    return { instruments, status: { venue, source: 'listing', updatedMs: now, notice: null } };
  }
}
