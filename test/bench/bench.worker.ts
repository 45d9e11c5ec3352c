/// <reference lib="webworker" />
import { expose } from 'comlink';
import { measure, type BenchRow } from './benchmark';
import { BENCHMARKS } from './registry';

const api = {
  names(): string[] {
    return BENCHMARKS.map((b) => b.name);
  },
  async run(name: string, runs: number): Promise<BenchRow> {
    const pair = BENCHMARKS.find((b) => b.name === name);
    if (pair === undefined) throw new Error(`no benchmark ${name}`);
    return measure(pair, runs);
  },
};

export type BenchWorkerApi = typeof api;
expose(api);
