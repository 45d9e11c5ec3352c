import { readdirSync, readFileSync } from 'node:fs';
import { CandleAggregator } from '../../src/core/candles/aggregator';
import { TIMEFRAMES } from '../../src/core/candles/timeframe';
import type { VenueProfile } from '../../src/core/exchange/adapter';
import { createOkxProfile } from '../../src/core/exchange/okx/adapter';
import { VENUE_PROFILES, type LiveVenueId } from '../../src/core/exchange/registry';
import type { Quote, Trade } from '../../src/core/exchange/types';
import { gapRulesFrom, IngestPipeline } from '../../src/core/feed/ingest-pipeline';
import { FrameMutator } from './frame-mutator';

/**
 * Feeds hostile mutants of a venue's wire fixtures through its parser into the app's ingest
 * pipeline (validation, integrity, nine-timeframe aggregation) and counts what escaped: any
 * exception out of `parse` is a bug, since a frame handler that throws loses the rest of the
 * frame and its counters.
 */

const FIXTURES = new URL('../fixtures/wire/', import.meta.url);
/** The fixtures' frames carry 2024–2026 times; "now" must be after them for trades to pass. */
export const FUZZ_NOW = Date.UTC(2026, 6, 1);

export function wireFixtures(venue: LiveVenueId): string[] {
  const dir = new URL(`${venue}/`, FIXTURES);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ndjson'))
    .flatMap((f) =>
      readFileSync(new URL(f, dir), 'utf8')
        .split('\n')
        .filter((l) => l.length > 0),
    );
}

/** OKX swaps need their contract value to be sized; give every instrument one. */
function profileOf(venue: LiveVenueId): VenueProfile {
  return venue === 'okx' ? createOkxProfile({ contracts: () => ({ ctVal: '0.01' }) }) : VENUE_PROFILES[venue];
}

export interface FuzzEscape {
  readonly index: number;
  readonly error: string;
  /** The frame, cut to a printable length. */
  readonly frame: string;
}

/** Plain decimal text, as stored and shown. */
const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;
const MIN_TIME_MS = Date.UTC(2009, 0, 3);

/**
 * What must hold for every record the pipeline accepted, checked independently of the validation
 * code under test: a short, non-reserved symbol, an exact non-negative id, plain positive decimals,
 * a believable time, and an uncrossed quote. Returns the broken rule or null.
 */
function tradeViolation(t: Trade): string | null {
  if (typeof t.symbol !== 'string' || t.symbol.length === 0 || t.symbol.length > 40) return 'symbol length';
  if (t.symbol === '__proto__' || t.symbol === 'constructor') return 'reserved symbol';
  if (t.id !== undefined && !(Number.isSafeInteger(t.id) && t.id >= 0)) return `id ${String(t.id)}`;
  if (!PLAIN_DECIMAL.test(t.price) || Number(t.price) <= 0) return `price ${t.price}`;
  if (!PLAIN_DECIMAL.test(t.size) || Number(t.size) <= 0) return `size ${t.size}`;
  if (!Number.isFinite(t.timeMs) || t.timeMs < MIN_TIME_MS) return `time ${String(t.timeMs)}`;
  return null;
}

function quoteViolation(q: Quote): string | null {
  if (typeof q.symbol !== 'string' || q.symbol.length === 0 || q.symbol.length > 40) return 'symbol length';
  for (const text of [q.bid, q.ask, q.bidSize, q.askSize]) if (!PLAIN_DECIMAL.test(text)) return `decimal ${text}`;
  if (!(Number(q.bid) > 0) || Number(q.ask) < Number(q.bid)) return `bid/ask ${q.bid}/${q.ask}`;
  if (!Number.isFinite(q.timeMs) || q.timeMs < MIN_TIME_MS) return `time ${String(q.timeMs)}`;
  return null;
}

export interface FuzzResult {
  readonly venue: LiveVenueId;
  readonly frames: number;
  readonly escapes: number;
  readonly firstEscapes: readonly FuzzEscape[];
  /** Accepted trades and quotes that break a rule (see `tradeViolation`). */
  readonly violations: number;
  readonly firstViolations: readonly string[];
  readonly trades: number;
  readonly quotes: number;
  readonly rejects: Readonly<Record<string, number>>;
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  } catch {
    return 'unprintable error';
  }
}

export function fuzzVenue(venue: LiveVenueId, frames: number, seed: number): FuzzResult {
  const profile = profileOf(venue);
  const mutator = new FrameMutator(wireFixtures(venue), seed);
  const aggregator = new CandleAggregator({ timeframes: TIMEFRAMES, latenessMs: 15 * 60_000 });
  const firstEscapes: FuzzEscape[] = [];
  const firstViolations: string[] = [];
  let escapes = 0;
  let violations = 0;
  const violated = (problem: string | null, what: string) => {
    if (problem === null) return;
    violations++;
    if (firstViolations.length < 5) firstViolations.push(`${what}: ${problem.slice(0, 120)}`);
  };
  const pipeline = new IngestPipeline(
    aggregator,
    gapRulesFrom({ [venue]: profile }),
    {
      onGap: () => undefined,
      onGapLost: () => undefined,
      onControl: () => undefined,
      onTrade: (t) => violated(tradeViolation(t), 'trade'),
      onQuote: (q) => violated(quoteViolation(q), 'quote'),
    },
    () => FUZZ_NOW,
  );
  for (let i = 0; i < frames; i++) {
    const frame = mutator.next();
    try {
      profile.parse(frame, FUZZ_NOW, pipeline);
    } catch (error) {
      escapes++;
      if (firstEscapes.length < 5) firstEscapes.push({ index: i, error: describe(error), frame: frame.slice(0, 300) });
    }
    // Keep memory flat on long runs: the aggregator's output is not what is under test.
    if ((i & 1023) === 0) aggregator.drain();
  }
  const rejects: Record<string, number> = {};
  for (const [reason, n] of Object.entries(pipeline.rejects.counts)) rejects[reason] = n ?? 0;
  return {
    venue,
    frames,
    escapes,
    firstEscapes,
    violations,
    firstViolations,
    trades: pipeline.trades,
    quotes: pipeline.quotes,
    rejects,
  };
}
