import type { BenchPair } from './benchmark';
import { indicatorsIncremental, indicatorsLive } from './benchmarks/analytics';
import { ingestAllTimeframes, ingestPipeline } from './benchmarks/ingest';
import { sentimentThroughput } from './benchmarks/sentiment';
import { storeWrites } from './benchmarks/store-writes';
import { venueParsers } from './benchmarks/venue-parsers';
import { windowBenchmarks } from './benchmarks/windows';

/** Every benchmark `npm run bench` runs, in order. Filter with `npm run bench -- <name>`. */
export const BENCHMARKS: readonly BenchPair[] = [
  ingestPipeline,
  ingestAllTimeframes,
  indicatorsLive,
  indicatorsIncremental,
  storeWrites,
  ...venueParsers,
  ...windowBenchmarks,
  sentimentThroughput,
];
