import Dexie, { type EntityTable, type Table } from 'dexie';
import type { AlertFiring, RuleState } from '../core/alerts';
import type { Candle } from '../core/candles/candle';
import type { Quote } from '../core/exchange/types';
import { dedupStoredTrades } from './trade-dedup';
import type { StoredNewsArticle, StoredSentimentBar } from './news-types';
import type { StoredForecast, StoredRegime, StoredSignal, StoredSignalFeedback } from './forecast-types';

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
  /** When it was stored (live or imported): raw-trade retention is rolling by this. */
  storedAtMs?: number;
  /** Unique within venue + symbol (see trade-key.ts): the venue's id, or time/price/size/side/rank. */
  uid?: string;
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

/** What the retention policy or a quota emergency deleted, so the user can be told. */
export interface StoredEviction {
  id?: number;
  atMs: number;
  table: 'trades' | 'quotes' | 'candles';
  /** Timeframe for candle evictions. */
  timeframe?: string;
  beforeMs: number;
  rows: number;
  reason: 'retention' | 'quota';
}

/** One finished import, for the import history list. */
export interface StoredImport {
  id?: number;
  atMs: number;
  fileName: string;
  venue: string;
  symbol: string;
  kind: 'trades' | 'candles';
  rows: number;
  skipped: number;
  fromMs: number;
  toMs: number;
}

/**
 * One bar's anomaly score, keyed to the bar and the model version that gave it, so a reload and
 * offline review show what was scored live, and a new model never mixes with an older one's rows.
 */
export interface StoredAnomalyScore {
  venue: string;
  symbol: string;
  timeframe: string;
  openTimeMs: number;
  /** The detector's version (`anomaly-…`): rows of other versions are never shown together. */
  model: string;
  /** Calibrated, [0, 1]. */
  score: number;
  parts: { name: string; score: number }[];
  reason: string;
  /** Set only on bars at or above the anomaly threshold: indexes the recent-anomalies list. */
  anomalyAtMs?: number;
  scoredAtMs: number;
}

/** A trained model's weights in the layout of TF.js's `ModelArtifacts`, with what it was trained on. */
export interface StoredModelWeights {
  /** `kind|venue|symbol|timeframe` (see model-weights-store.ts). */
  id: string;
  kind: string;
  version: string;
  modelTopology: unknown;
  weightSpecs: unknown;
  weightData: ArrayBuffer;
  /** Anything else the model needs to score again (its normaliser, its calibration). */
  extra?: unknown;
  trainedAtMs: number;
  bars: number;
  fromMs: number;
  toMs: number;
  backend: string;
}

/** An alert rule as the user ordered them; `rule` is the exported JSON object. */
export interface StoredAlertRule {
  id: string;
  order: number;
  rule: unknown;
}

/** A firing; `dedupKey` is unique, so two tabs cannot store one firing twice. */
export interface StoredAlertFiring extends AlertFiring {
  seq?: number;
  acknowledgedAtMs?: number;
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
  evictions!: EntityTable<StoredEviction, 'id'>;
  imports!: EntityTable<StoredImport, 'id'>;
  anomalyScores!: Table<StoredAnomalyScore, [string, string, string, number, string]>;
  modelWeights!: EntityTable<StoredModelWeights, 'id'>;
  alertRules!: EntityTable<StoredAlertRule, 'id'>;
  alertStates!: Table<RuleState, string>;
  alertFirings!: EntityTable<StoredAlertFiring, 'seq'>;
  newsArticles!: EntityTable<StoredNewsArticle, 'id'>;
  newsSentiment!: Table<StoredSentimentBar, [string, string, number]>;
  forecasts!: Table<StoredForecast, [string, string, string, number, string, number]>;
  signals!: Table<StoredSignal, [string, string, string, number, string]>;
  signalFeedback!: Table<StoredSignalFeedback, string>;
  regimes!: Table<StoredRegime, [string, string, string, number, string]>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    // No query cache: tabs follow the feed over BroadcastChannel, not liveQuery, and the cache's
    // bookkeeping on every bulkPut slows the writer (see the store-writes benchmark).
    super(name, { cache: 'disabled', ...options });
    this.version(1).stores({
      // Primary key [venue+symbol+timeframe+openTimeMs]: range reads per series, one row per bar.
      candles: '[venue+symbol+timeframe+openTimeMs]',
      trades: '++seq, [venue+symbol+timeMs], timeMs',
      quotes: '++seq, [venue+symbol+timeMs], timeMs',
      gaps: '++id, [venue+symbol+fromTimeMs], state',
      instruments: '[venue+symbol], venue',
      settings: 'key',
    });
    // v2: retention across instruments needs candles by [timeframe+openTimeMs]; evictions and
    // imports are logged. Settings name instruments as "venue:SYMBOL" so any venue can be picked.
    this.version(2)
      .stores({
        candles: '[venue+symbol+timeframe+openTimeMs], [timeframe+openTimeMs]',
        trades: '++seq, [venue+symbol+timeMs], timeMs, storedAtMs',
        evictions: '++id, atMs',
        imports: '++id, atMs',
      })
      .upgrade(async (tx) => {
        // v1 trades were all live: they were stored when they happened.
        await tx
          .table('trades')
          .toCollection()
          .modify((row: StoredTrade) => {
            row.storedAtMs ??= row.timeMs;
          });
        await tx
          .table('settings')
          .where('key')
          .equals('app-settings')
          .modify((row: StoredSetting) => {
            const value = row.value as { symbols?: unknown; instruments?: unknown };
            if (Array.isArray(value.symbols) && value.instruments === undefined) {
              value.instruments = value.symbols.map((s) => `binance-spot:${String(s)}`);
            }
          });
      });
    // v3: a raw trade is stored at most once. Candles and raw trades commit in separate
    // transactions, so a retried batch or a backfill could add a trade again; the unique key
    // [venue+symbol+uid] refuses that. Existing duplicates are removed (the first stored stays).
    this.version(3)
      .stores({ trades: '++seq, [venue+symbol+timeMs], timeMs, storedAtMs, [venue+symbol+id], &[venue+symbol+uid]' })
      .upgrade((tx) => dedupStoredTrades(tx.table('trades')));
    // v4: anomaly scores per bar and model version (range reads per series; `anomalyAtMs` is set
    // only on anomalies, so its index lists them newest first), and trained model weights.
    this.version(4).stores({
      anomalyScores: '[venue+symbol+timeframe+openTimeMs+model], anomalyAtMs',
      modelWeights: 'id, kind',
    });
    // v5: alert rules, their state (armed, cooldown, last fired) and every firing. The unique
    // dedupKey (rule + bar) stops two tabs or a takeover replay storing one firing twice.
    this.version(5).stores({
      alertRules: 'id, order',
      alertStates: 'ruleId',
      alertFirings: '++seq, &dedupKey, ruleId, firedAtMs',
    });
    // v6: news articles (one row per provider article, found by time and by related ticker) and
    // each instrument's sentiment series per timeframe. New tables only: nothing to upgrade.
    this.version(6).stores({
      newsArticles: 'id, timeMs, *symbols',
      newsSentiment: '[instrument+timeframe+openTimeMs], openTimeMs',
    });
    // v7: forecasts (one row per target bar, model and horizon; the origin index finds the newest
    // run of a series), signals per bar and model version, and the user's feedback on a signal.
    // New tables only: nothing to upgrade.
    this.version(7).stores({
      forecasts: '[venue+symbol+timeframe+targetTimeMs+model+horizon], [venue+symbol+timeframe+originTimeMs]',
      signals: '[venue+symbol+timeframe+openTimeMs+model]',
      signalFeedback: 'signalId, atMs',
    });
    // v8: the regime HMM's filtered state per bar and model version, keyed like the anomaly
    // scores (range reads per series), so a reload and offline review shade the bars at once.
    // A new table only: nothing to upgrade.
    this.version(8).stores({
      regimes: '[venue+symbol+timeframe+openTimeMs+model]',
    });
  }
}
