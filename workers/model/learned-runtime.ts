/**
 * Everything of the learned part that needs TF.js: loaded with one dynamic import by the model
 * worker, so TF.js is fetched only when a model is wanted, never at start-up.
 */
import { AUTOENCODER_KIND, autoencoderRuntime } from '../../src/core/models/market-autoencoder';
import type { LearnedRuntime } from '../../src/core/models/scoring';
import type { TapewatchDb } from '../../src/data/db';
import { setUpBackend } from './tf-backend';
import { dexieWeightsPort } from './weights-port';

export function browserLearnedRuntime(db: TapewatchDb): LearnedRuntime {
  let backend: Promise<{ backend: string; note: string | null }> | null = null;
  return autoencoderRuntime({
    weights: dexieWeightsPort(db, AUTOENCODER_KIND),
    ready: () => (backend ??= setUpBackend()),
    now: () => Date.now(),
  });
}
