import { parseInstrumentKey } from '../exchange/types';
import type { FeedHealth } from '../feed/feed-health';

/** What the watchlist says about one instrument's feed. */
export type InstrumentFeedState =
  'live' | 'stale' | 'connecting' | 'reconnecting' | 'blocked' | 'rejected' | 'offline' | 'demo' | 'unknown';

/**
 * The state of the connection carrying `key` ("venue:SYMBOL") in the health report. A symbol the
 * venue refused is `rejected` even while its socket is live; on demo data every row is `demo`.
 */
export function instrumentFeedState(health: FeedHealth | null, key: string): InstrumentFeedState {
  if (health === null) return 'unknown';
  if (health.source === 'demo') return 'demo';
  const parsed = parseInstrumentKey(key);
  if (parsed === null) return 'unknown';
  const venue = health.venues.find((v) => v.venue === parsed.venue);
  if (venue !== undefined && parsed.symbol in venue.rejectedSymbols) return 'rejected';
  const connections = health.connections.filter(
    (c) => c.venue === parsed.venue && (c.symbols.length === 0 || c.symbols.includes(parsed.symbol)),
  );
  if (connections.length === 0) return 'unknown';
  // Several sockets (Binance USD-M /market and /public): the worst one speaks for the instrument.
  let worst: InstrumentFeedState = 'live';
  for (const c of connections) {
    const state = fromConnection(c.state.kind);
    if (SEVERITY.indexOf(state) > SEVERITY.indexOf(worst)) worst = state;
  }
  return worst;
}

const SEVERITY: readonly InstrumentFeedState[] = [
  'live',
  'unknown',
  'connecting',
  'stale',
  'reconnecting',
  'offline',
  'rejected',
  'blocked',
];

function fromConnection(kind: FeedHealth['connections'][number]['state']['kind']): InstrumentFeedState {
  switch (kind) {
    case 'live':
      return 'live';
    case 'stale':
      return 'stale';
    case 'connecting':
    case 'idle':
      return 'connecting';
    case 'reconnecting':
      return 'reconnecting';
    case 'region-blocked':
      return 'blocked';
    case 'rejected':
      return 'rejected';
    case 'offline':
    case 'stopped':
    case 'paused':
      // Paused: live retries wait while the demo stands in; the venue's data is not flowing.
      return 'offline';
  }
}
