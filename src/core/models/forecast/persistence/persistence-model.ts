import type { ReturnModel, ReturnPrediction } from '../return-model';

/** The random walk: the next closes equal the last one; the uncertainty grows like h bars of noise. */
export class PersistenceModel implements ReturnModel {
  readonly name = 'persistence';
  fit(): void {}
  observe(): void {}
  predict(horizon: number): ReturnPrediction {
    return {
      mean: new Array<number>(horizon).fill(0),
      unitVariance: Array.from({ length: horizon }, (_, i) => i + 1),
    };
  }
  dispose(): void {}
}
