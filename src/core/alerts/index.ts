/**
 * The alerts door: rule types, inputs, firings and state, the parser and the engine. The page,
 * workers, storage and the `alerts` command import from here only.
 */
export * from './rule';
export * from './input';
export * from './firing';
export * from './state';
export * from './presets';

/*
 * Coming in this folder (same door): `parseRules(json)` / `AlertRuleError` (validation naming the
 * rule and field), `AlertEngine` (`setRules`, `evaluate(input) → AlertFiring[]`, `states()`).
 * Worker side: `FeedBatch.alerts?: AlertFiring[]` and `FeedWorkerApi.setRules(rules)`,
 * `FeedWorkerApi.alertStates()`; storage: `src/data/alert-rules.ts`, `alert-firings.ts`.
 */
