import type { BenchPair } from './benchmark';
import { indicatorsIncremental, indicatorsLive } from './benchmarks/analytics';
import { ingestAllTimeframes, ingestPipeline } from './benchmarks/ingest';
import { sentimentThroughput } from './benchmarks/sentiment';
import { storeWrites } from './benchmarks/store-writes';
import { venueParsers } from './benchmarks/venue-parsers';
import { windowBenchmarks } from './benchmarks/windows';
import { anomalyBenchmarks } from './benchmarks/anomaly';
import { alertRules } from './benchmarks/alerts';
import { forecastBenchmarks } from './benchmarks/forecast';

/**
 * Every benchmark `npm run bench` runs, in order. Filter with `npm run bench -- <name>`. Benchmarks
 * of the production build (`startup-js`) are listed in `built/run-built.ts`.
 */
export const BENCHMARKS: readonly BenchPair[] = [
  ingestPipeline,
  ingestAllTimeframes,
  indicatorsLive,
  indicatorsIncremental,
  storeWrites,
  ...venueParsers,
  ...windowBenchmarks,
  ...anomalyBenchmarks,
  alertRules,
  sentimentThroughput,
  ...forecastBenchmarks,
];
