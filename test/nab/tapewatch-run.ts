import { createAnomalyDetector } from '../../src/core/models/anomaly';

export interface RunOptions {
  readonly seed: number;
  readonly learned: boolean;
  readonly params: Record<string, unknown>;
}

/** Runs the detector causally over one series and returns its per-row scores. */
export async function runTapewatch(
  timestampsMs: readonly number[],
  values: readonly number[],
  o: RunOptions,
): Promise<number[]> {
  const detector = createAnomalyDetector({ seed: o.seed, ...o.params });
  const out = values.map((v, i) => detector.update(timestampsMs[i] as number, v).score);
  detector.dispose();
  return out;
}
