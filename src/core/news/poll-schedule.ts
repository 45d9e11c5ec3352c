import type { FinnhubNewsRequest } from './finnhub-news';

/**
 * When to fetch which news request, within Finnhub's free-tier limit (60 calls a minute per key;
 * 429 past it): each request at most every `everyMs` (60 s), calls at least `spacingMs` (2 s) apart
 * so a long watch list never bursts, and after a 429 or a failure that request waits twice as long
 * each time (up to 15 minutes) before it is tried again.
 */
export interface PollOptions {
  readonly everyMs: number;
  readonly spacingMs: number;
  readonly maxBackoffMs: number;
}

export const DEFAULT_POLL: PollOptions = { everyMs: 60_000, spacingMs: 2_000, maxBackoffMs: 15 * 60_000 };

export type PollOutcome = 'ok' | 'rate-limited' | 'failed';

interface Slot {
  readonly request: FinnhubNewsRequest;
  nextMs: number;
  failures: number;
}

export const requestKey = (r: FinnhubNewsRequest): string =>
  r.kind === 'market' ? `market:${r.category}` : `company:${r.symbol}`;

export class PollSchedule {
  private slots = new Map<string, Slot>();
  private lastCallMs = -Infinity;

  constructor(private readonly options: PollOptions = DEFAULT_POLL) {}

  /** The requests to keep polling; ones already known keep their timing, new ones are due now. */
  setRequests(requests: readonly FinnhubNewsRequest[], nowMs: number): void {
    const next = new Map<string, Slot>();
    for (const request of requests) {
      const key = requestKey(request);
      const known = this.slots.get(key);
      next.set(key, known === undefined ? { request, nextMs: nowMs, failures: 0 } : { ...known, request });
    }
    this.slots = next;
  }

  /** The request to make now, or null; `waitMs` says when to ask again. */
  due(nowMs: number): { request: FinnhubNewsRequest | null; waitMs: number } {
    const earliestCall = this.lastCallMs + this.options.spacingMs;
    let best: Slot | null = null;
    for (const slot of this.slots.values()) if (best === null || slot.nextMs < best.nextMs) best = slot;
    if (best === null) return { request: null, waitMs: this.options.everyMs };
    const at = Math.max(best.nextMs, earliestCall);
    if (at > nowMs) return { request: null, waitMs: at - nowMs };
    this.lastCallMs = nowMs;
    // Until its outcome is known, the request is not due again.
    best.nextMs = nowMs + this.options.everyMs;
    return { request: best.request, waitMs: this.options.spacingMs };
  }

  /** Records how a request went; returns the delay before it is tried again. */
  done(request: FinnhubNewsRequest, outcome: PollOutcome, nowMs: number): number {
    const slot = this.slots.get(requestKey(request));
    if (slot === undefined) return this.options.everyMs;
    slot.failures = outcome === 'ok' ? 0 : slot.failures + 1;
    const delay =
      outcome === 'ok'
        ? this.options.everyMs
        : Math.min(this.options.maxBackoffMs, this.options.everyMs * 2 ** slot.failures);
    slot.nextMs = nowMs + delay;
    return delay;
  }
}
