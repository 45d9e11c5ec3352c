import { CandleAggregator, DEFAULT_LATENESS_MS } from '../../../src/core/candles/aggregator';
import { TIMEFRAMES, type TimeframeId } from '../../../src/core/candles/timeframe';
import { binanceSpotAdapter } from '../../../src/core/exchange/binance-spot/parser';
import { IngestPipeline } from '../../../src/core/feed/ingest-pipeline';
import type { BenchPair } from '../benchmark';
import { binanceTradeFrames } from './binance-frames';

const FRAMES = 1_000_000;
/** Drain as the worker does once per animation frame (~16 ms of a live feed). */
const DRAIN_EVERY = 1_000;

let frames: string[] = [];
let sink = 0;

function pipelineRun(timeframes: readonly TimeframeId[]): number {
  const aggregator = new CandleAggregator({ timeframes, latenessMs: DEFAULT_LATENESS_MS });
  const pipeline = new IngestPipeline(aggregator, new Map([['binance-spot', 'consecutive']]), {
    onGap: () => undefined,
    onGapLost: () => undefined,
    onControl: () => undefined,
  });
  const now = Date.now();
  for (let i = 0; i < frames.length; i++) {
    binanceSpotAdapter.parse(frames[i] as string, now, pipeline);
    if (i % DRAIN_EVERY === 0) sink += aggregator.drain().length;
  }
  sink += aggregator.finish().length;
  if (pipeline.trades !== frames.length) throw new Error(`pipeline kept ${pipeline.trades} of ${frames.length}`);
  return frames.length;
}

const jsonParse = {
  name: 'JSON.parse',
  unit: 'frames',
  run() {
    for (const f of frames) sink += (JSON.parse(f) as { data: { t: number } }).data.t & 1;
    return frames.length;
  },
};

/** Parse + validate + dedup + 1m aggregation of 1M frames, against bare JSON.parse of them. */
export const ingestPipeline: BenchPair = {
  name: 'ingest-1m',
  description: 'Binance trade frames → parse, validate, dedup, 1m candles (vs bare JSON.parse)',
  target: 0.5,
  setup() {
    if (frames.length !== FRAMES) frames = binanceTradeFrames(FRAMES);
  },
  baseline: jsonParse,
  subject: { name: 'pipeline 1m', unit: 'frames', run: () => pipelineRun(['1m']) },
};

/** The same, aggregating all nine timeframes at once, as the feed worker does. */
export const ingestAllTimeframes: BenchPair = {
  name: 'ingest-9tf',
  description: 'Binance trade frames → parse, validate, dedup, candles on 9 timeframes (vs bare JSON.parse)',
  target: 0.6,
  setup() {
    if (frames.length !== FRAMES) frames = binanceTradeFrames(FRAMES);
  },
  baseline: jsonParse,
  subject: { name: 'pipeline 9 timeframes', unit: 'frames', run: () => pipelineRun(TIMEFRAMES) },
};

export function benchSink(): number {
  return sink;
}
