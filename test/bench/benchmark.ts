/** One measured workload; runs inside the bench worker. */
export interface Benchmark {
  readonly name: string;
  /** What one "op" is, for the table ("frames", "candles"). */
  readonly unit: string;
  /** The thing measured. Returns ops done. */
  run(): number | Promise<number>;
}

/** A latency distribution in ms. */
export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly samples: number;
}

/**
 * A comparison: `subject` against `baseline` over the same input in the same run. The ratio is
 * subject throughput / baseline throughput (higher is better) unless `lowerIsBetter`.
 */
export interface BenchPair {
  readonly name: string;
  readonly description: string;
  readonly setup?: () => void | Promise<void>;
  readonly baseline: Benchmark;
  readonly subject: Benchmark;
  /** The target for the ratio, reported next to it. */
  readonly target?: number;
  /** For a live workload: the rate (ops/s) the subject must sustain to keep up, reported with its own. */
  readonly requiredOpsPerSec?: number;
  /** A limit on the subject's own time per run (e.g. first paint ≤ 1000 ms), reported with it. */
  readonly absoluteTargetMs?: number;
  /** For latency benchmarks: the distributions collected over all runs of each side. */
  readonly latency?: () => { readonly baseline: Latency; readonly subject: Latency };
  /** The subject's p99 limit, reported with it. */
  readonly latencyTargetMs?: number;
}

export interface BenchRow {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  readonly ops: number;
  readonly baselineName: string;
  readonly baselineMs: number;
  readonly subjectName: string;
  readonly subjectMs: number;
  readonly baselineOpsPerSec: number;
  readonly subjectOpsPerSec: number;
  readonly ratio: number;
  readonly target: number | null;
  readonly runs: number;
  /** From `BenchPair.requiredOpsPerSec`; `headroom` = subject ops/s ÷ required ops/s. */
  readonly requiredOpsPerSec?: number;
  readonly headroom?: number;
  readonly absoluteTargetMs?: number;
  readonly latency?: { readonly baseline: Latency; readonly subject: Latency };
  readonly latencyTargetMs?: number;
  /** Main-thread long tasks (over 50 ms) of each side: how many and the longest. */
  readonly longTasks?: { readonly baseline: LongTaskCount; readonly subject: LongTaskCount };
  /** No subject long task may be longer than this. */
  readonly longTaskLimitMs?: number;
  /** The same windows from a trace: main-thread CPU time per task (see task-cpu.ts). */
  readonly taskCpu?: {
    readonly baseline: { readonly longByCpu: number; readonly longestCpuMs: number; readonly busyCpuMs: number };
    readonly subject: { readonly longByCpu: number; readonly longestCpuMs: number; readonly busyCpuMs: number };
  };
}

export interface LongTaskCount {
  readonly count: number;
  readonly longestMs: number;
}

/** Median of alternating runs, so drift (GC, thermal, the other core) hits both sides alike. */
export async function measure(pair: BenchPair, runs = 5): Promise<BenchRow> {
  await pair.setup?.();
  const base: number[] = [];
  const subj: number[] = [];
  let ops = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    ops = await pair.baseline.run();
    const t1 = performance.now();
    const subjectOps = await pair.subject.run();
    const t2 = performance.now();
    if (subjectOps !== ops) throw new Error(`${pair.name}: baseline did ${ops} ops, subject ${subjectOps}`);
    base.push(t1 - t0);
    subj.push(t2 - t1);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const baselineMs = median(base);
  const subjectMs = median(subj);
  return {
    name: pair.name,
    description: pair.description,
    unit: pair.baseline.unit,
    ops,
    baselineName: pair.baseline.name,
    baselineMs,
    subjectName: pair.subject.name,
    subjectMs,
    baselineOpsPerSec: (ops / baselineMs) * 1000,
    subjectOpsPerSec: (ops / subjectMs) * 1000,
    ratio: baselineMs / subjectMs,
    target: pair.target ?? null,
    runs,
    ...(pair.absoluteTargetMs === undefined ? {} : { absoluteTargetMs: pair.absoluteTargetMs }),
    ...(pair.latency === undefined ? {} : { latency: pair.latency() }),
    ...(pair.latencyTargetMs === undefined ? {} : { latencyTargetMs: pair.latencyTargetMs }),
    ...(pair.requiredOpsPerSec === undefined
      ? {}
      : {
          requiredOpsPerSec: pair.requiredOpsPerSec,
          headroom: ((ops / subjectMs) * 1000) / pair.requiredOpsPerSec,
        }),
  };
}
