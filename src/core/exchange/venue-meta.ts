import type { VenueId } from './types';

/** Venues with a live websocket feed (everything but the built-in demo). */
export type LiveVenueId = Exclude<VenueId, 'demo'>;

/**
 * What the page needs to know about a venue without its runtime: its name, the hosts it talks to
 * (the content-security policy and Settings' placeholders read them) and a symbol for help text.
 * Parsers, subscribe messages and backfill live in the runtime profile (`registry.ts`), which only
 * the feed worker and the command line load, so the page bundles none of them.
 */
export interface VenueMeta {
  readonly venue: LiveVenueId;
  readonly label: string;
  /** An example symbol in the venue's own spelling, for help text and placeholders. */
  readonly exampleSymbol: string;
  /** Each websocket endpoint's stable name and default base, in the runtime profile's order. */
  readonly websockets: readonly { readonly name: string; readonly defaultBase: string }[];
  /** Default REST base: listing, region probe and (where the venue has one) trade backfill. */
  readonly rest: string;
  /** Default bases of the REST sources that refill trade-id gaps, best first (may be empty). */
  readonly backfillBases: readonly string[];
}
