import type { ControlEvent, FrameSink, VenueAdapter } from '../../../src/core/exchange/adapter';
import { LIVE_VENUES, VENUE_PROFILES, type LiveVenueId } from '../../../src/core/exchange/registry';
import type { RejectReason } from '../../../src/core/exchange/reject';
import type { Quote, Trade } from '../../../src/core/exchange/types';
import type { BenchPair } from '../benchmark';
import { TRADES_PER_FRAME, venueTradeFrames } from './venue-frames';

const FRAMES = 100_000;

/** Counts what a parser found; anything but trades means the generated frames are wrong. */
class CountingSink implements FrameSink {
  trades = 0;
  others = 0;
  firstProblem = '';
  check = 0;

  trade(trade: Trade): void {
    this.trades++;
    this.check += trade.timeMs & 1;
  }
  quote(quote: Quote): void {
    this.others++;
    if (this.firstProblem === '') this.firstProblem = `quote ${quote.symbol}`;
  }
  control(event: ControlEvent): void {
    this.others++;
    if (this.firstProblem === '') this.firstProblem = `control ${event.kind}`;
  }
  reject(reason: RejectReason, detail: string): void {
    this.others++;
    if (this.firstProblem === '') this.firstProblem = `reject ${reason}: ${detail.slice(0, 200)}`;
  }
}

/** Only the current venue's frames are kept (one venue at a time: 100k frames are ~30 MB). */
let current: { venue: LiveVenueId; frames: string[] } | null = null;
let sink = 0;

function framesOf(venue: LiveVenueId): string[] {
  if (current?.venue !== venue) throw new Error(`parse-${venue}: frames not set up`);
  return current.frames;
}

/** The adapter of the venue's endpoint that carries trades (USD-M: /market). */
function tradeAdapter(venue: LiveVenueId): VenueAdapter {
  const endpoint = VENUE_PROFILES[venue].endpoints.find((e) => e.carries.trades);
  if (endpoint === undefined) throw new Error(`${venue} has no trade endpoint`);
  return endpoint.adapter;
}

function parsePair(venue: LiveVenueId): BenchPair {
  const adapter = tradeAdapter(venue);
  const perFrame = TRADES_PER_FRAME[venue];
  const batch = perFrame === 1 ? 'one trade per frame' : `${perFrame} trades per frame (assumed typical batch)`;
  return {
    name: `parse-${venue}`,
    description: `${venue} trade frames, ${batch} → adapter.parse into a counting sink (vs bare JSON.parse); ops = frames`,
    setup() {
      if (current?.venue !== venue) {
        current = null; // let the previous venue's frames go before generating the next
        current = { venue, frames: venueTradeFrames(venue, FRAMES) };
      }
    },
    baseline: {
      name: 'JSON.parse',
      unit: 'frames',
      run() {
        const frames = framesOf(venue);
        for (const f of frames) sink += (JSON.parse(f) as object) === null ? 1 : 0;
        return frames.length;
      },
    },
    subject: {
      name: `${venue} parse`,
      unit: 'frames',
      run() {
        const frames = framesOf(venue);
        const counter = new CountingSink();
        const now = Date.now();
        for (const f of frames) adapter.parse(f, now, counter);
        if (counter.others !== 0) {
          throw new Error(`parse-${venue}: ${counter.others} non-trade results, first: ${counter.firstProblem}`);
        }
        if (counter.trades !== frames.length * perFrame) {
          throw new Error(`parse-${venue}: ${counter.trades} trades from ${frames.length} frames × ${perFrame}`);
        }
        sink += counter.check;
        return frames.length;
      },
    },
  };
}

/** One pair per live venue: its core parser's throughput against bare JSON.parse of the same frames. */
export const venueParsers: readonly BenchPair[] = LIVE_VENUES.map(parsePair);

export function venueParsersSink(): number {
  return sink;
}
