import { DEFAULT_FEED_CONFIG, type FeedConfig } from '../../core/feed/feed-config';
import type { LiveVenueId } from '../../core/exchange/venues';
import type { TapewatchDb } from '../../data/db';
import { InstrumentStore } from '../../data/instrument-store';
import { finnhubTokenOriginFor, type AppSettings } from './settings';

/** REST bases the user set, for the instrument listings. */
export function restOverrides(settings: AppSettings): Partial<Record<LiveVenueId, string>> {
  const out: Partial<Record<LiveVenueId, string>> = {};
  for (const [venue, o] of Object.entries(settings.endpoints) as [LiveVenueId, { rest?: string }][]) {
    if (o.rest !== undefined) out[venue] = o.rest;
  }
  return out;
}

/** The feed worker's config for these settings (OKX contract values from the instrument cache). */
export async function feedConfigFor(db: TapewatchDb, settings: AppSettings): Promise<FeedConfig> {
  const store = new InstrumentStore(db, undefined, restOverrides(settings));
  const okxContracts = await store.okxContracts(settings.instruments).catch(() => ({}));
  const tokenOrigin = finnhubTokenOriginFor(settings);
  return {
    ...DEFAULT_FEED_CONFIG,
    mode: settings.mode,
    instruments: [...settings.instruments],
    endpoints: settings.endpoints,
    ...(settings.finnhubToken !== '' ? { finnhubToken: settings.finnhubToken } : {}),
    ...(tokenOrigin !== undefined ? { finnhubTokenOrigin: tokenOrigin } : {}),
    ...(Object.keys(okxContracts).length > 0 ? { okxContracts } : {}),
  };
}
