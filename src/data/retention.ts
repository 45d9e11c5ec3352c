import {
  describeStep,
  EVICTABLE_TIMEFRAMES,
  nextPressureStep,
  routineSteps,
  type EvictionStep,
  type OldestRows,
  type RetentionConfig,
} from '../core/storage/retention-policy';
import type { StoredEviction, TapewatchDb } from './db';
import { isQuotaError, type StorageUsage } from './quota';

/** Rows deleted per transaction, so a big sweep never blocks writers for long. */
const CHUNK = 5_000;

/**
 * Applies the retention policy: the routine sweep, and eviction under quota pressure in policy
 * order. Every deletion is logged in `evictions` and described for the user.
 */
export class RetentionRunner {
  constructor(
    private readonly db: TapewatchDb,
    private readonly config: RetentionConfig,
    private readonly estimate: () => Promise<StorageUsage | null>,
  ) {}

  /** Routine sweep; returns what was deleted (empty on most runs). */
  async sweep(nowMs: number): Promise<string[]> {
    const notices: string[] = [];
    for (const step of routineSteps(nowMs, this.config)) {
      const rows = await this.apply(step, nowMs, 'retention');
      if (rows > 0) notices.push(describeStep(step, rows));
    }
    const usage = await this.estimate();
    if (usage !== null && usage.quota > 0 && usage.usage / usage.quota > this.config.pressureRatio) {
      notices.push(...(await this.relieve(nowMs, usage.quota * this.config.pressureRatio * 0.75)));
    }
    return notices;
  }

  /**
   * Quota pressure (or a QuotaExceededError): evict in policy order until usage is below
   * `targetBytes`, or at least one step ran when the estimate cannot tell. Never 1m bars.
   */
  async relieve(nowMs: number, targetBytes?: number): Promise<string[]> {
    const notices: string[] = [];
    for (let round = 0; round < 12; round++) {
      const step = nextPressureStep(nowMs, await this.oldest());
      if (step === null) {
        notices.push('Storage is full: only 1m and longer history is left, which is never evicted.');
        break;
      }
      const rows =
        step.table === 'candles' ? await this.apply(step, nowMs, 'quota') : await this.evictOldestHalf(step, nowMs);
      if (rows > 0) notices.push(describeStep(step, rows));
      const usage = await this.estimate();
      if (targetBytes === undefined || usage === null || usage.usage <= targetBytes) break;
    }
    return notices;
  }

  /**
   * Under pressure raw rows go oldest-stored first, by insertion order (the `seq` key), half of
   * what is left each round: robust to venue clocks and to rows stored in one burst.
   */
  private async evictOldestHalf(step: EvictionStep, nowMs: number): Promise<number> {
    const table = this.db.table(step.table);
    const count = await table.count();
    const keys = await table
      .orderBy(':id')
      .limit(Math.ceil(count / 2))
      .primaryKeys();
    for (let i = 0; i < keys.length; i += CHUNK) await table.bulkDelete(keys.slice(i, i + CHUNK));
    if (keys.length > 0) {
      await this.log({ atMs: nowMs, table: step.table, beforeMs: step.beforeMs, rows: keys.length, reason: 'quota' });
    }
    return keys.length;
  }

  private async oldest(): Promise<OldestRows> {
    const trades = await this.db.trades.orderBy('storedAtMs').first();
    const quotes = await this.db.quotes.orderBy('timeMs').first();
    const candles: OldestRows['candles'] = {};
    for (const tf of EVICTABLE_TIMEFRAMES) {
      const first = await this.db.candles
        .where('[timeframe+openTimeMs]')
        .between([tf, -Infinity], [tf, Infinity])
        .first();
      if (first !== undefined) candles[tf] = first.openTimeMs;
    }
    return { trades: trades?.storedAtMs, quotes: quotes?.timeMs, candles };
  }

  private async apply(step: EvictionStep, nowMs: number, reason: StoredEviction['reason']): Promise<number> {
    if (step.table === 'candles' && !(EVICTABLE_TIMEFRAMES as readonly string[]).includes(step.timeframe)) {
      throw new Error(`refusing to evict ${step.timeframe} bars`);
    }
    let total = 0;
    for (;;) {
      const deleted = await this.db.transaction('rw', this.db.table(step.table), async () => {
        const collection =
          step.table === 'candles'
            ? this.db.candles
                .where('[timeframe+openTimeMs]')
                .between([step.timeframe, -Infinity], [step.timeframe, step.beforeMs])
            : // Raw trades roll by when they were stored (imports too); quotes by their time.
              this.db
                .table(step.table)
                .where(step.table === 'trades' ? 'storedAtMs' : 'timeMs')
                .below(step.beforeMs);
        const keys = await collection.limit(CHUNK).primaryKeys();
        await this.db.table(step.table).bulkDelete(keys);
        return keys.length;
      });
      total += deleted;
      if (deleted < CHUNK) break;
    }
    if (total > 0) {
      await this.log({
        atMs: nowMs,
        table: step.table,
        ...(step.table === 'candles' ? { timeframe: step.timeframe } : {}),
        beforeMs: step.beforeMs,
        rows: total,
        reason,
      });
    }
    return total;
  }

  /**
   * Records what was deleted. Under quota pressure the record itself may not fit (deleted rows free
   * space only when IndexedDB compacts): the rows are gone either way and the caller's notice still
   * tells the user, so a full origin must not turn a done eviction into a failure.
   */
  private async log(row: StoredEviction): Promise<void> {
    try {
      await this.db.evictions.add(row);
    } catch (error) {
      if (!isQuotaError(error)) throw error;
    }
  }
}
