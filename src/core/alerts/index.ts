/**
 * The alerts door: rule types, inputs, firings and state, the parser and the engine. The page,
 * workers, storage and the `alerts` command import from here only.
 */
export * from './rule';
export * from './input';
export * from './firing';
export * from './state';
export * from './presets';
export { AlertRuleError, parseRule, parseRules, parseRulesText } from './rule-parse';
export { AlertEngine, type AlertEngineOptions } from './engine';
export { inQuietHours } from './quiet-hours';
export { ruleHash } from './compile';
