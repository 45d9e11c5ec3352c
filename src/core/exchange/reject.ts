import { redactSecrets } from './redact';

/**
 * Why an inbound frame or record was not used. Counted per reason so the health panel can show
 * exactly what a feed is sending that we cannot trust.
 */
export type RejectReason =
  | 'not-json'
  | 'malformed'
  | 'unknown-type'
  | 'bad-price'
  | 'bad-size'
  | 'bad-time'
  | 'duplicate'
  | 'venue-error'
  /** A well-formed record we deliberately leave out (Binance USD-M insurance-fund/ADL fills). */
  | 'excluded'
  /** Older than the integrity stage still remembers: cannot tell new from duplicate. */
  | 'out-of-window'
  /** A trade id that is not an exact non-negative integer (`0.1`, `-1`, `1e308`, 2^64). */
  | 'bad-id'
  /** An empty, over-long or ill-formed symbol, or a reserved name such as `__proto__`. */
  | 'bad-symbol'
  /** A well-formed record for a symbol its socket did not subscribe to. */
  | 'not-subscribed'
  /** A quote whose ask is below its bid. */
  | 'crossed-quote'
  /** The parser itself failed on the frame (a bug, caught so the feed keeps running). */
  | 'parser-error';

export type RejectCounts = Partial<Record<RejectReason, number>>;

export class RejectCounter {
  readonly counts: RejectCounts = {};
  /** Last few examples per reason, truncated, for debugging a misbehaving feed. */
  readonly samples: Partial<Record<RejectReason, string>> = {};

  add(reason: RejectReason, sample?: string): void {
    this.counts[reason] = (this.counts[reason] ?? 0) + 1;
    if (sample !== undefined) {
      // Samples reach logs and the health panel: never let a key (Finnhub ?token=) ride along.
      // Cut first so a huge hostile frame costs no more than a short one (only 200 are kept).
      const safe = redactSecrets(sample.length > 1_000 ? sample.slice(0, 1_000) : sample);
      this.samples[reason] = safe.length > 200 ? `${safe.slice(0, 200)}…` : safe;
    }
  }

  total(): number {
    let sum = 0;
    for (const n of Object.values(this.counts)) sum += n ?? 0;
    return sum;
  }
}
