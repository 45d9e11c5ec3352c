import * as tf from '@tensorflow/tfjs';
import { createTunedAnomalyDetector, type DetectorTuning } from '../../src/core/models/anomaly/detector';
import { createAutoencoderPart } from '../../src/core/models/anomaly/autoencoder';

export interface RunOptions {
  readonly seed: number;
  readonly learned: boolean;
  readonly params: Record<string, unknown>;
}

let backendReady: Promise<boolean> | null = null;

/** Runs the detector causally over one series and returns its per-row scores. */
export async function runTapewatch(
  timestampsMs: readonly number[],
  values: readonly number[],
  o: RunOptions,
): Promise<number[]> {
  if (o.learned) await (backendReady ??= tf.setBackend('cpu'));
  const { tuning, ...params } = o.params as { tuning?: DetectorTuning };
  const detector = createTunedAnomalyDetector(
    {
      seed: o.seed,
      ...(o.learned ? { learned: createAutoencoderPart(tf) } : {}),
      ...params,
    },
    tuning ?? {},
  );
  const out = values.map((v, i) => detector.update(timestampsMs[i] as number, v).score);
  detector.dispose();
  return out;
}
