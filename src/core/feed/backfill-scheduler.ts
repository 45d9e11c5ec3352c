import type { BackfillSource } from '../exchange/backfill';
import type { Gap } from '../exchange/integrity/gap';
import type { TradeIntegrity } from '../exchange/integrity/trade-integrity';
import type { Trade, VenueId } from '../exchange/types';
import type { FetchText, HttpResult } from './http';
import type { Clock } from './socket';

export type GapState = 'pending' | 'backfilled' | 'unfillable';

export interface BackfillTiming {
  /**
   * How long a new gap waits before it counts: reordered trades fill their holes within
   * milliseconds, and gaps opened meanwhile share the REST pages of one pass.
   */
  readonly graceMs: number;
  /** Pause between two pages, under the venue's public REST budget. */
  readonly pagePauseMs: number;
  /** Pages one pass may fetch before what is left is recorded unfillable. */
  readonly maxPages: number;
  /** A rate-limited page (429/418) is retried this many times, waiting longer each time. */
  readonly rateLimitRetries: number;
  readonly rateLimitWaitMs: number;
}

export const DEFAULT_BACKFILL_TIMING: BackfillTiming = {
  graceMs: 1_000,
  pagePauseMs: 100,
  maxPages: 50,
  rateLimitRetries: 3,
  rateLimitWaitMs: 2_000,
};

export interface BackfillDeps {
  readonly clock: Clock;
  readonly fetchText: FetchText;
  /** The venue's integrity state: which ids are still missing. */
  readonly integrity: TradeIntegrity;
  /**
   * Feeds fetched trades to the pipeline (they fill the gaps they belong to); returns those it
   * refused as too late for their (final) bars.
   */
  readonly deliver: (trades: readonly Trade[]) => readonly Trade[] | undefined;
  /** A gap counted (pending), then settled (backfilled or unfillable, with why if known). */
  readonly outcome: (gap: Gap, state: GapState, detail?: string) => void;
  readonly stopped: () => boolean;
}

export interface BackfillCounts {
  found: number;
  backfilled: number;
  unfillable: number;
}

/** Why a gap the REST could fill stays open: its trades belong to bars that are already final. */
export const TOO_LATE = 'too late to apply';

function overlaps(a: Gap, b: Gap): boolean {
  return a.fromId <= b.toId && a.toId >= b.fromId;
}

/**
 * One venue's gap backfill. Gaps wait a grace period (reordering closes most "gaps" at once),
 * then every open gap of a symbol that is near the next is fetched in one pass of REST pages:
 * a lossy minute costs a page or two, not a request per gap. Pages are paced and 429s retried.
 * Whatever is still missing afterwards is recorded unfillable, never silently dropped.
 */
export class BackfillScheduler {
  readonly counts: BackfillCounts = { found: 0, backfilled: 0, unfillable: 0 };
  /** Opened, not yet judged. */
  private readonly waiting: Gap[] = [];
  /** Forgotten by the integrity stage (memory bound) while waiting or in flight. */
  private readonly evicted: Gap[] = [];
  /** Fetched trades the pipeline refused as too late, this pass. */
  private readonly late: Trade[] = [];
  private running = false;

  constructor(
    private readonly venue: VenueId,
    /** The REST source, or null where the venue has none or the browser may not use it. */
    private readonly source: () => BackfillSource | null,
    private readonly rest: string,
    /** Settles when the venue's REST probe answered: no page is fetched before. */
    private readonly ready: () => Promise<void>,
    private readonly deps: BackfillDeps,
    private readonly timing: BackfillTiming = DEFAULT_BACKFILL_TIMING,
  ) {}

  add(gap: Gap): void {
    this.waiting.push(gap);
    if (!this.running) void this.run();
  }

  /** The integrity stage forgot an open gap: its ids can no longer be filled. */
  lost(gap: Gap): void {
    this.evicted.push(gap);
  }

  private within(t: Trade, gap: Gap): boolean {
    const id = t.id ?? -1;
    return t.symbol === gap.symbol && id >= gap.fromId && (t.firstId ?? id) <= gap.toId;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, ms));
  }

  private open(symbol: string): readonly Gap[] {
    return this.deps.integrity.openGaps(this.venue, symbol);
  }

  /** Some of the gap's ids are still open, or were forgotten unfilled. */
  private missing(gap: Gap): boolean {
    const same = (o: Gap) => o.symbol === gap.symbol && overlaps(o, gap);
    return this.open(gap.symbol).some(same) || this.evicted.some(same);
  }

  private async run(): Promise<void> {
    this.running = true;
    await this.ready();
    while (this.waiting.length > 0 && !this.deps.stopped()) {
      await this.sleep(this.timing.graceMs);
      const batch = this.waiting.splice(0);
      // Gaps closed by late live trades within the grace were reordering, not loss.
      const real = batch.filter((g) => this.missing(g));
      for (const gap of real) {
        this.counts.found++;
        this.deps.outcome(gap, 'pending');
      }
      const source = this.source();
      if (source !== null) {
        for (const symbol of new Set(real.map((g) => g.symbol))) {
          const wanted = real.filter((g) => g.symbol === symbol);
          for (const span of this.spans(symbol, wanted, source.maxLimit)) {
            if (this.deps.stopped()) break;
            await this.fill(source, span);
          }
        }
      }
      for (const gap of real) {
        const missing = this.missing(gap);
        if (missing) this.counts.unfillable++;
        else this.counts.backfilled++;
        if (!missing) this.deps.outcome(gap, 'backfilled');
        else if (this.late.some((t) => this.within(t, gap))) this.deps.outcome(gap, 'unfillable', TOO_LATE);
        else this.deps.outcome(gap, 'unfillable');
      }
      this.late.length = 0;
      if (this.waiting.length === 0) this.evicted.length = 0;
    }
    this.running = false;
  }

  /**
   * The open parts of the wanted gaps, merged into spans where the next starts within one page
   * of the previous end (one pass of pages covers them all).
   */
  private spans(symbol: string, wanted: readonly Gap[], pageSize: number): Gap[] {
    const parts = this.open(symbol).filter((o) => wanted.some((w) => overlaps(o, w)));
    const spans: Gap[] = [];
    for (const part of parts) {
      const last = spans[spans.length - 1];
      if (last !== undefined && part.fromId - last.toId <= pageSize) {
        spans[spans.length - 1] = { ...last, toId: part.toId, toTimeMs: Math.max(last.toTimeMs, part.toTimeMs) };
      } else {
        spans.push(part);
      }
    }
    return spans;
  }

  /** Pages through one span, handing over only trades that belong to a still-open gap. */
  private async fill(source: BackfillSource, span: Gap): Promise<void> {
    let cursor = source.cursorForGap(span);
    let retries = 0;
    for (let page = 0; page < this.timing.maxPages && !this.deps.stopped(); page++) {
      let res: HttpResult;
      try {
        res = await this.deps.fetchText(source.url(this.rest, span.symbol, cursor));
      } catch {
        return;
      }
      if ((res.status === 429 || res.status === 418) && retries < this.timing.rateLimitRetries) {
        retries++;
        page--;
        await this.sleep(this.timing.rateLimitWaitMs * retries);
        continue;
      }
      if (res.status !== 200) return;
      const parsed = source.parse(res.body, span.symbol);
      if (parsed.error !== undefined) return;
      const open = this.open(span.symbol).filter((o) => overlaps(o, span));
      const inOpenGap = (t: Trade) => {
        const id = t.id;
        if (id === undefined) return false;
        const first = t.firstId ?? id;
        return open.some((o) => id >= o.fromId && first <= o.toId);
      };
      const refused = this.deps.deliver(parsed.trades.filter(inOpenGap));
      if (refused) this.late.push(...refused);
      if (!this.open(span.symbol).some((o) => overlaps(o, span))) return;
      if (source.done(parsed, span) || parsed.next === null) return;
      cursor = parsed.next;
      await this.sleep(this.timing.pagePauseMs);
    }
  }
}
