import type { BackfillSource } from '../exchange/backfill';
import { LISTING_SOURCES } from '../instruments/listing';
import type { ConnectionState } from './connection-state';
import type { FeedDeps } from './feed-ports';
import type { VenueSession } from './venue-session';

/** A CORS-refused REST probe is remembered this long before trying again. */
const PROBE_CACHE_MS = 7 * 86_400_000;

/** What `deps.cache` keeps per venue: did the browser get to read the venue's REST? */
interface ProbeAnswer {
  readonly base: string;
  readonly cors: 'ok' | 'refused';
  readonly atMs: number;
}

/** `key` is a probe answer for `base` that is still fresh. */
function isProbeAnswer(value: unknown): value is ProbeAnswer {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProbeAnswer).base === 'string' &&
    ((value as ProbeAnswer).cors === 'ok' || (value as ProbeAnswer).cors === 'refused') &&
    typeof (value as ProbeAnswer).atMs === 'number'
  );
}

/** The URL that tells whether the browser may read this venue's REST, and from where. */
function probeUrl(v: VenueSession, source: BackfillSource | undefined): string | null {
  const symbol = v.symbols[0];
  if (source !== undefined && symbol !== undefined) return source.url(v.rest, symbol, '1', 1);
  return LISTING_SOURCES[v.venue]?.url(v.rest, null) ?? null;
}

export interface ProbeOutcome {
  /** The venue answered 451/403: it holds this state until the settings change. */
  readonly blocked: (state: ConnectionState) => void;
  /** Something health shows changed. */
  readonly changed: () => void;
  /**
   * A socket of this venue has opened, so the network reaches it: a failed fetch now is the
   * browser refusing to let the page read the venue's REST (CORS), not a network outage.
   */
  readonly reachable: () => boolean;
}

/**
 * One GET per venue: HTTP 451/403 means this region is blocked; a TypeError means the browser
 * may not read the venue's REST (CORS or network), so gaps cannot be backfilled here. A CORS
 * refusal is remembered (deps.cache) so later sessions do not repeat a request that cannot work,
 * but only when the venue is known to be reachable: a fetch that fails while offline proves
 * nothing, and remembering it would switch backfill off for days. Resolves false when the answer
 * is still open (ask again once a socket opens).
 */
export async function probeVenue(
  v: VenueSession,
  deps: Pick<FeedDeps, 'cache' | 'clock' | 'fetchText'>,
  outcome: ProbeOutcome,
): Promise<boolean> {
  const source = v.profile.backfill[0];
  const url = probeUrl(v, source);
  if (url === null) {
    v.backfill = source === undefined ? 'none' : 'unknown';
    return true;
  }
  const key = `rest-probe:${v.venue}`;
  const now = deps.clock.now();
  const cached = await deps.cache?.read(key).catch(() => undefined);
  if (
    isProbeAnswer(cached) &&
    cached.base === v.rest &&
    cached.cors === 'refused' &&
    now - cached.atMs < PROBE_CACHE_MS
  ) {
    v.backfill = source === undefined ? 'none' : 'refused';
    return true;
  }
  const remember = (cors: ProbeAnswer['cors']) =>
    void deps.cache?.write(key, { base: v.rest, cors, atMs: now } satisfies ProbeAnswer).catch(() => undefined);
  let status: number;
  try {
    status = (await deps.fetchText(url)).status;
  } catch (error) {
    if (!(error instanceof TypeError)) {
      outcome.changed();
      return true;
    }
    const known = outcome.reachable();
    v.backfill = source === undefined ? 'none' : known ? 'refused' : 'unknown';
    if (known) remember('refused');
    outcome.changed();
    return known;
  }
  remember('ok');
  const blocked = status === 451 || status === 403;
  v.backfill = source === undefined ? 'none' : blocked ? 'blocked' : 'ok';
  if (blocked) outcome.blocked({ kind: 'region-blocked', detail: `${v.profile.label} answered HTTP ${status}` });
  outcome.changed();
  return true;
}
