import type * as tf from '@tensorflow/tfjs-core';

/** The tapewatch network's version in stored weights (bump when its features or layers change). */
export const NETWORK_VERSION = 'forecast-tapewatch-1';

/** Which bars a network was trained on (open times of the first and last). */
export interface NetworkSpan {
  readonly fromMs: number;
  readonly toMs: number;
  readonly bars: number;
}

/** A stored network's span and when it was trained. */
export interface StoredNetwork extends NetworkSpan {
  readonly trainedAtMs: number;
}

/**
 * Where one series' trained network is kept (IndexedDB in the app). The caller picks the place
 * and the TF.js backend; the model only asks for handlers.
 */
export interface NetworkWeights {
  /** The stored network of this version, or null (none yet, or another version). */
  stored(): Promise<StoredNetwork | null>;
  /** A handler `tf.loadLayersModel` reads the stored network from. */
  loader(): tf.io.IOHandler;
  /** A handler `model.save` writes a network trained on `span` to. */
  saver(span: NetworkSpan): tf.io.IOHandler;
}

/** The same store, but a fit never reuses what it holds (a refit must train): it only saves. */
export function trainOnly(weights: NetworkWeights): NetworkWeights {
  return { ...weights, stored: () => Promise.resolve(null) };
}

/** Stored weights older than this many bars of the fitting history are trained again. */
export const NETWORK_MAX_AGE_BARS = 1_440;

/**
 * Whether a stored network may stand in for training on `history`: at most `maxAgeBars` of the
 * history came after its last training bar. A network trained past the history's end (a reload
 * soon after it was stored) is reused too; its forecasts of bars it was trained on must then not
 * be scored, which is why the model says how far its fit reaches (`fittedThroughMs`).
 */
export function reusable(
  stored: StoredNetwork | null,
  history: readonly { readonly openTimeMs: number }[],
  maxAgeBars = NETWORK_MAX_AGE_BARS,
): boolean {
  if (stored === null || history.length === 0) return false;
  let newer = 0;
  for (let i = history.length - 1; i >= 0 && (history[i] as { openTimeMs: number }).openTimeMs > stored.toMs; i--)
    newer++;
  return newer <= maxAgeBars;
}
