import { DEFAULT_ENDPOINTS, type FeedMode } from '../../core/feed/feed-controller';
import type { TapewatchDb } from '../../data/db';
import { readSetting, writeSetting } from '../../data/settings-store';

export interface AppSettings {
  readonly mode: FeedMode;
  readonly symbols: readonly string[];
  /** Binance spot websocket base; point it at a proxy where Binance is geo-blocked. */
  readonly binanceSpotWs: string;
  readonly binanceSpotRest: string;
}

export const DEFAULT_SETTINGS: AppSettings = {
  mode: 'auto',
  symbols: ['BTCUSDT', 'ETHUSDT'],
  binanceSpotWs: DEFAULT_ENDPOINTS.binanceSpotWs,
  binanceSpotRest: DEFAULT_ENDPOINTS.binanceSpotRest,
};

const KEY = 'app-settings';

function isMode(value: string | null): value is FeedMode {
  return value === 'auto' || value === 'live' || value === 'demo';
}

/**
 * Settings from the query string (`?feed=demo`, `?binance-ws=wss://proxy…`, `?binance-rest=…`,
 * `?symbols=BTCUSDT,ETHUSDT`) override and are saved, so a proxy setup can be shared as a link.
 */
export function settingsFromQuery(base: AppSettings, query: URLSearchParams): AppSettings | null {
  const feed = query.get('feed');
  const ws = query.get('binance-ws');
  const rest = query.get('binance-rest');
  const symbols = query.get('symbols');
  if (feed === null && ws === null && rest === null && symbols === null) return null;
  return {
    mode: isMode(feed) ? feed : base.mode,
    binanceSpotWs: ws ?? base.binanceSpotWs,
    binanceSpotRest: rest ?? base.binanceSpotRest,
    symbols:
      symbols === null
        ? base.symbols
        : symbols
            .split(',')
            .map((s) => s.trim().toUpperCase())
            .filter((s) => /^[A-Z0-9]{2,20}$/.test(s)),
  };
}

export async function loadSettings(db: TapewatchDb, query: URLSearchParams): Promise<AppSettings> {
  const stored = { ...DEFAULT_SETTINGS, ...(await readSetting<Partial<AppSettings>>(db, KEY, {})) };
  const fromQuery = settingsFromQuery(stored, query);
  if (fromQuery === null) return stored;
  await writeSetting(db, KEY, fromQuery);
  return fromQuery;
}

export async function saveSettings(db: TapewatchDb, settings: AppSettings): Promise<void> {
  await writeSetting(db, KEY, settings);
}
