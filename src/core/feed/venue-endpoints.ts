import type { VenueProfile } from '../exchange/adapter';
import { trimBase } from '../exchange/backfill';
import { VENUE_META, type LiveVenueId } from '../exchange/venues';

/** A user's bases for one venue (a proxy, or the local mock): either may be left to the default. */
export interface VenueOverride {
  /** Websocket root; each endpoint's path (Binance USD-M `/market`, Kraken `/v2`) is appended. */
  readonly ws?: string;
  /** REST base replacing the venue's default (backfill, listing and the region probe use it). */
  readonly rest?: string;
}

export type EndpointOverrides = Readonly<Partial<Record<LiveVenueId, VenueOverride>>>;

/** The path of a URL ("wss://ws.kraken.com/v2" → "/v2"), without a trailing slash. */
export function urlPath(url: string): string {
  const scheme = url.indexOf('://');
  const hostStart = scheme < 0 ? 0 : scheme + 3;
  let end = url.length;
  for (const stop of ['?', '#']) {
    const at = url.indexOf(stop, hostStart);
    if (at >= 0 && at < end) end = at;
  }
  const slash = url.indexOf('/', hostStart);
  if (slash < 0 || slash >= end) return '';
  return trimBase(url.slice(slash, end));
}

/**
 * Websocket bases by endpoint name for `planConnections`. Without an override, the profile's
 * defaults. With a root, each endpoint's default path is appended unless the root already ends
 * with it: "wss://proxy/binance-usdm" → ".../binance-usdm/market" and ".../binance-usdm/public";
 * "wss://proxy/kraken/v2" stays as it is.
 */
export function wsBasesFor(profile: VenueProfile, root: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const trimmed = root === undefined ? '' : trimBase(root.trim());
  for (const endpoint of profile.endpoints) {
    if (trimmed === '') {
      out[endpoint.name] = endpoint.defaultBase;
      continue;
    }
    const path = urlPath(endpoint.defaultBase);
    out[endpoint.name] = path === '' || urlPath(trimmed).endsWith(path) ? trimmed : `${trimmed}${path}`;
  }
  return out;
}

/** REST base of a venue: the user's override, else the default. */
export function restBaseFor(venue: LiveVenueId, override: VenueOverride | undefined): string {
  const rest = override?.rest?.trim();
  return rest !== undefined && rest !== '' ? trimBase(rest) : VENUE_META[venue].rest;
}
