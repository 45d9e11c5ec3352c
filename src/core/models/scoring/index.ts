/** The model worker's evaluation, without TF.js: scopes, scorers, guard, drift, status. One door. */
export {
  AnomalyService,
  DEFAULT_SCHEDULE,
  SCORES_VERSION,
  type AnomalyPorts,
  type AnomalyScope,
  type LearnedModel,
  type LearnedRuntime,
  type ScheduleOptions,
  type ScoredSeries,
} from './anomaly-service';
export { DriftMonitor } from './drift-monitor';
export { LearnedGuard, type LearnedReading, type LearnedScorer } from './learned-guard';
export { IDLE_LEARNED, type LearnedState, type LearnedStatus, type ModelStatus } from './model-status';
export { seriesId, type ScoreRow } from './score-row';
export { ANOMALY_THRESHOLD, severityOf, type Severity } from './severity';
