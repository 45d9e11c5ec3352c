/** What the model worker and the command line need to fit regimes on history and filter them online. */
export type { GaussianHmm } from './gaussian-hmm';
export {
  fitGaussianHmm,
  fitGaussianHmmSteps,
  runToEnd,
  type HmmFit,
  type HmmFitOptions,
  type Observations,
} from './baum-welch';
export { ForwardFilter, mostProbable } from './forward-filter';
export { RegimeFeatures, regimeFeatureSeries, REALISED_VOL_WINDOW } from './regime-features';
export {
  createRegimeFilter,
  fitRegimeModel,
  fitRegimeModelSteps,
  type RegimeFilter,
  type RegimeModel,
} from './regime-filter';
export { levelOfName, regimeLevels, regimeNames, shadeOf, type RegimeLevel, type RegimeShade } from './regime-shade';
export { alignRegime } from './regime-align';
