/**
 * A learned model (the TF.js autoencoder) seen through the one interface the ensemble needs, so the
 * statistical parts run without TF.js loaded and the learned part joins when a caller supplies it.
 * Inputs are fixed-length vectors the ensemble has already normalised.
 */
export interface LearnedPart {
  readonly name: string;
  readonly inputSize: number;
  /** Reconstruction error of `input` under the current model (no learning); NaN before training. */
  error(input: Float64Array): number;
  /** Adds `input` to the training history; trains (or retrains) when due. */
  learn(input: Float64Array): void;
  snapshot(): unknown;
  restore(state: unknown): void;
  /** Frees the model's tensors. */
  dispose(): void;
}

/** Builds a learned part for vectors of `inputSize`; `seed` makes initialisation and training deterministic. */
export type LearnedPartFactory = (spec: { readonly inputSize: number; readonly seed: number }) => LearnedPart;
