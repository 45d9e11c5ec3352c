import type { GapState } from '../core/feed/backfill-scheduler';
import { isIdGap, type RecordedGap } from '../core/exchange/integrity/gap';
import type { StoredGap, TapewatchDb } from './db';
import { writeWithQuotaRetry } from './quota';

interface GapWrite {
  readonly key: string;
  readonly row: StoredGap;
  readonly state: GapState;
}

const RETRY_MS = 1_000;

/**
 * Gap records, written in the order they happen: a gap's settled state updates the row its
 * pending state added. A write that fails (quota, a busy or closing database) stays first in line
 * and is retried like a bar batch, so the chart still marks that hole once storage recovers.
 */
export class GapWriter {
  private queue: GapWrite[] = [];
  /** Row ids of gaps still pending (their settled state updates that row). */
  private readonly rowIds = new Map<string, number>();
  private inFlight: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  lastError: Error | null = null;

  constructor(
    private readonly db: TapewatchDb,
    private readonly relieve: () => Promise<void>,
  ) {}

  record(gap: RecordedGap, state: GapState, detail?: string): void {
    const ids = isIdGap(gap);
    const key = ids
      ? `${gap.venue}|${gap.symbol}|#${gap.fromId}|${gap.toId}`
      : `${gap.venue}|${gap.symbol}|t${gap.fromTimeMs}|${gap.toTimeMs}`;
    const why = detail ?? (ids ? undefined : 'connection lost');
    const row: StoredGap = {
      venue: gap.venue,
      symbol: gap.symbol,
      fromTimeMs: gap.fromTimeMs,
      toTimeMs: gap.toTimeMs,
      ...(ids ? { fromTradeId: gap.fromId, toTradeId: gap.toId } : {}),
      ...(why !== undefined ? { detail: why } : {}),
      state,
    };
    this.queue.push({ key, row, state });
    this.flush().catch(() => undefined);
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Writes every queued record in order; rejects (keeping the rest queued) if one fails. */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight = this.inFlight.catch(() => undefined).then(() => this.writeQueued());
    return this.inFlight;
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const next = this.queue[0] as GapWrite;
      try {
        await writeWithQuotaRetry(() => this.write(next), this.relieve);
      } catch (error) {
        this.lastError = error instanceof Error ? error : new Error(String(error));
        this.timer ??= setTimeout(() => this.flush().catch(() => undefined), RETRY_MS);
        throw this.lastError;
      }
      this.queue.shift();
    }
    this.lastError = null;
  }

  private async write({ key, row, state }: GapWrite): Promise<void> {
    const id = this.rowIds.get(key);
    if (id !== undefined) {
      await this.db.gaps.update(id, { state, ...(row.detail !== undefined ? { detail: row.detail } : {}) });
    } else {
      const added = await this.db.gaps.add({ ...row });
      if (state === 'pending' && added !== undefined) this.rowIds.set(key, added);
    }
    if (state !== 'pending') this.rowIds.delete(key);
  }
}
