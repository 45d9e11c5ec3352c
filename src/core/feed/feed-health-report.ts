import { redactUrl } from '../exchange/redact';
import type { ConnectionHealth, FeedHealth, VenueHealth } from './feed-health';
import type { FeedStore } from './feed-ports';
import type { IngestPipeline } from './ingest-pipeline';
import type { ConnectionRuntime, VenueSession } from './venue-session';

/** One connection's health; updates its frame and trade rates at most once a second. */
export function connectionHealth(c: ConnectionRuntime, now: number): ConnectionHealth {
  const frames = c.connection.framesReceived;
  const dt = (now - c.rate.atMs) / 1000;
  if (dt >= 1) {
    c.rate = {
      atMs: now,
      frames,
      trades: c.trades,
      framesPerSec: (frames - c.rate.frames) / dt,
      tradesPerSec: (c.trades - c.rate.trades) / dt,
    };
  }
  return {
    id: c.id,
    venue: c.venue.venue,
    endpoint: redactUrl(c.plan.url),
    symbols: c.plan.subscription.symbols,
    state: c.override ?? c.paused ?? c.state,
    framesPerSec: c.rate.framesPerSec,
    tradesPerSec: c.rate.tradesPerSec,
    lastMessageAgeMs: c.connection.lastMessageAgeMs,
    reconnects: c.connection.reconnects,
  };
}

export interface HealthInputs {
  readonly source: FeedHealth['source'];
  readonly demoReason: string | null;
  readonly venues: Iterable<VenueSession>;
  /** Rows that are not venue sockets (the demo feed). */
  readonly extraConnections: readonly ConnectionHealth[];
  readonly pipeline: IngestPipeline;
  readonly store: FeedStore;
  readonly notices: readonly { readonly atMs: number; readonly text: string }[];
}

/** The health panel's whole picture: per connection, per venue, pipeline and storage counters. */
export function feedHealthReport(inputs: HealthInputs, now: number): FeedHealth {
  const { pipeline, store } = inputs;
  const connections: ConnectionHealth[] = [];
  const venues: VenueHealth[] = [];
  let frames = 0;
  const gaps = { found: 0, backfilled: 0, unfillable: 0 };
  for (const v of inputs.venues) {
    for (const c of v.connections) {
      connections.push(connectionHealth(c, now));
      frames += c.connection.framesReceived;
    }
    const counts = v.filler.counts;
    gaps.found += counts.found + v.outages;
    gaps.backfilled += counts.backfilled;
    gaps.unfillable += counts.unfillable + v.outages;
    venues.push({
      venue: v.venue,
      label: v.profile.label,
      gapsFound: counts.found + v.outages,
      gapsBackfilled: counts.backfilled,
      gapsUnfillable: counts.unfillable + v.outages,
      backfill: v.backfill,
      rejectedSymbols: Object.fromEntries(v.rejectedSymbols),
    });
  }
  connections.push(...inputs.extraConnections);
  return {
    source: inputs.source,
    demoReason: inputs.demoReason,
    connections,
    venues,
    frames,
    trades: pipeline.trades,
    quotes: pipeline.quotes,
    rejects: { ...pipeline.rejects.counts },
    rejectSamples: { ...pipeline.rejects.samples },
    tooLate: pipeline.tooLate,
    gapsFound: gaps.found,
    gapsBackfilled: gaps.backfilled,
    gapsUnfillable: gaps.unfillable,
    candlesWritten: store.written,
    storageError: store.lastError?.message ?? null,
    storage: store.usage,
    storageNotices: [...inputs.notices],
  };
}
