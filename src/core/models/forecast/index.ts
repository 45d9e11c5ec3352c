/** The forecasting API for the model worker, the command line and the signal layer. */
export type { ForecastBar, ForecastStep, Forecaster } from './forecaster';
export {
  createForecasters,
  createVolatility,
  isForecasterName,
  FORECASTER_NAMES,
  type ForecasterName,
  type ForecasterOptions,
  type VolatilityName,
} from './create-forecasters';
export { CalibratedForecaster, MAX_HORIZON } from './calibrated-forecaster';
export type { ReturnModel, ReturnPrediction } from './return-model';
export { AdaptiveConformal } from './calibration/adaptive-conformal';
export { EwmaVolatility } from './volatility/ewma-volatility';
export { HarVolatility } from './volatility/har-volatility';
export type { VolatilityModel } from './volatility/volatility-model';
export { walkForward, trainingSize, type WalkForwardRow, type WalkForwardOptions } from './walk-forward/walk-forward';
export { MetricsAccumulator, naiveScale, type ForecastMetrics } from './walk-forward/forecast-metrics';
export { bestModel, type BestModel, type ModelScore, type RecentRecord } from './walk-forward/best-model';
