/**
 * The feed worker's alert engine and rule storage, as one chunk loaded on the first rule (stored
 * or saved): a desk without alerts never fetches it. `feed.worker.ts` imports it dynamically.
 */
export { parseRules } from '../../src/core/alerts';
export { AlertStage } from '../../src/core/analytics/alert-stage';
export { dexieAlertPorts } from '../../src/data/alert-ports';
export { loadAlertRules, loadAlertStates, saveAlertRules } from '../../src/data/alert-rules';
