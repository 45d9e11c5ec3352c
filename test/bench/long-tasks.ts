import type { Latency } from './benchmark';

/** Main-thread long tasks (PerformanceObserver 'longtask': tasks over 50 ms) while it runs. */
export class LongTasks {
  private readonly observer: PerformanceObserver;
  readonly durations: number[] = [];

  constructor() {
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) this.durations.push(entry.duration);
    });
    this.observer.observe({ type: 'longtask' });
  }

  stop(): number[] {
    this.observer.takeRecords().forEach((entry) => this.durations.push(entry.duration));
    this.observer.disconnect();
    return this.durations;
  }
}

export function percentiles(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN, samples: sorted.length };
}

/** `n=…, >50 ms: k, longest x ms` for the console. */
export function describeTasks(durations: readonly number[]): string {
  const longest = durations.length === 0 ? 0 : Math.max(...durations);
  return `${durations.length} over 50 ms, longest ${longest.toFixed(0)} ms`;
}
