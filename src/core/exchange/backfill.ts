import type { Gap } from './integrity/gap';
import type { Trade, VenueId } from './types';

/** One REST page turned into trades, plus where the next page starts. */
export interface BackfillPage {
  /** Trades of the page in ascending id order (pages that come newest-first are reversed). */
  readonly trades: readonly Trade[];
  /** Cursor for the next page in this source's walking direction; null when the page was empty. */
  readonly next: string | null;
  /** Rows that did not parse, and why (first few). */
  readonly rejected: number;
  /** The venue answered with an error body (rate limit, bad symbol), or the body was not JSON. */
  readonly error?: string;
}

/**
 * A REST endpoint that can refill an id gap, as pure functions: the app does the `fetch` (a simple
 * GET, no custom headers, so no CORS preflight) and loops:
 *
 *     let cursor = source.cursorForGap(gap);
 *     for (;;) {
 *       const page = source.parse(await (await fetch(source.url(base, gap.symbol, cursor))).text(), gap.symbol);
 *       page.trades.forEach((t) => integrity.accept(t)); // fills the gap as the ids arrive
 *       if (source.done(page, gap) || page.next === null) break;
 *       cursor = page.next;
 *     }
 */
export interface BackfillSource {
  readonly venue: VenueId;
  /** Which endpoint, e.g. 'aggTrades'. */
  readonly name: string;
  readonly defaultBase: string;
  /** ascending: pages walk from the gap start forward; descending: from the gap end back to older trades. */
  readonly direction: 'ascending' | 'descending';
  /** Largest page the venue serves. */
  readonly maxLimit: number;
  /** The cursor of the first page to fetch for a gap. */
  cursorForGap(gap: Gap): string;
  url(base: string, symbol: string, cursor: string, limit?: number): string;
  /** Never throws: bad bodies come back as `error`, bad rows as `rejected`. */
  parse(body: string, symbol: string): BackfillPage;
  /** True once this page reaches past the gap, so no later page can hold its ids. */
  done(page: BackfillPage, gap: Gap): boolean;
}

/** `done` for sources whose pages walk towards higher ids. */
export function doneAscending(page: BackfillPage, gap: Gap): boolean {
  const last = page.trades[page.trades.length - 1];
  return last === undefined || (last.id !== undefined && last.id >= gap.toId);
}

/** `done` for sources whose pages walk towards lower ids. */
export function doneDescending(page: BackfillPage, gap: Gap): boolean {
  const first = page.trades[0];
  if (first === undefined) return true;
  const low = first.firstId ?? first.id;
  return low !== undefined && low <= gap.fromId;
}

/** Strips trailing slashes so `base + path` never doubles them. */
export function trimBase(base: string): string {
  let end = base.length;
  while (end > 0 && base.charCodeAt(end - 1) === 47 /* / */) end--;
  return base.slice(0, end);
}
