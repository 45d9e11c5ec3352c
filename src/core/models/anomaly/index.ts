/**
 * Anomaly detection: the one door. Online and causal (a score at t uses only data up to t),
 * deterministic for a seed, for any numeric series at any cadence, plus a market variant over bar
 * features. The statistical ensemble runs without TF.js; a learned part joins when supplied.
 */
export type { AnomalyDetector, AnomalyDetectorSnapshot, AnomalyPartScore, AnomalyScore } from './types';
export { createAnomalyDetector, restoreAnomalyDetector, type AnomalyDetectorOptions } from './detector';
export {
  createBarAnomalyDetector,
  restoreBarAnomalyDetector,
  type BarAnomalyDetector,
  type BarAnomalyDetectorOptions,
} from './bar-detector';
export { BAR_FEATURES, barFeatures, type BarFeature, type BarSample } from './bar-features';
export { barSampleFromCandle } from './candle-sample';
export type { LearnedPart, LearnedPartFactory } from './learned-part';
export { createAutoencoderPart, DEFAULT_AUTOENCODER, type AutoencoderOptions, type Tf } from './autoencoder';
