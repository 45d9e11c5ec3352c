import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Candle } from '../core/candles/candle';
import type { Quote } from '../core/exchange/types';

/** A stored trade; `seq` orders rows for retention. */
export interface StoredTrade {
  seq?: number;
  venue: string;
  symbol: string;
  id?: number;
  timeMs: number;
  price: string;
  size: string;
  side: string;
}

export interface StoredQuote extends Quote {
  seq?: number;
}

/** A hole in the history that could not be (or is not yet) backfilled. */
export interface StoredGap {
  id?: number;
  venue: string;
  symbol: string;
  fromTimeMs: number;
  toTimeMs: number;
  fromTradeId?: number;
  toTradeId?: number;
  state: 'pending' | 'backfilled' | 'unfillable';
  detail?: string;
}

export interface StoredInstrument {
  venue: string;
  symbol: string;
  base?: string;
  quote?: string;
  tickSize?: string;
  contractValue?: string;
  updatedMs: number;
}

export interface StoredSetting {
  key: string;
  value: unknown;
}

export const DB_NAME = 'tapewatch';

/**
 * The one database. Versions are append-only: a shipped version is never edited; a change is a
 * new `version(n)` with an upgrade function, tested with data in it (see db.test.ts).
 */
export class TapewatchDb extends Dexie {
  candles!: Table<Candle, [string, string, string, number]>;
  trades!: EntityTable<StoredTrade, 'seq'>;
  quotes!: EntityTable<StoredQuote, 'seq'>;
  gaps!: EntityTable<StoredGap, 'id'>;
  instruments!: Table<StoredInstrument, [string, string]>;
  settings!: EntityTable<StoredSetting, 'key'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      // Primary key [venue+symbol+timeframe+openTimeMs]: range reads per series, one row per bar.
      candles: '[venue+symbol+timeframe+openTimeMs]',
      trades: '++seq, [venue+symbol+timeMs], timeMs',
      quotes: '++seq, [venue+symbol+timeMs], timeMs',
      gaps: '++id, [venue+symbol+fromTimeMs], state',
      instruments: '[venue+symbol], venue',
      settings: 'key',
    });
  }
}

let shared: TapewatchDb | null = null;

/** The database of this realm (page or worker); each realm opens its own connection. */
export function openDb(): TapewatchDb {
  shared ??= new TapewatchDb();
  return shared;
}
