/**
 * The learned part of the market ensemble: a dense autoencoder over windows of bar features
 * (tfjs-core and tfjs-layers only; the caller picks the backend). One door; importing it loads
 * TF.js, so the model worker imports it lazily.
 */
export {
  AUTOENCODER_VERSION,
  DEFAULT_TRAIN,
  MarketAutoencoder,
  type AutoencoderExtra,
  type TrainOptions,
} from './autoencoder';
export { errorScore, errorZ, type ErrorCalibration } from './error-calibration';
export {
  autoencoderRuntime,
  AUTOENCODER_KIND,
  type RuntimeOptions,
  type TrainingInfo,
  type WeightsPort,
} from './runtime';
export { FeatureWindow, INPUT_SIZE, WINDOW_BARS, windowsOf } from './window-features';
