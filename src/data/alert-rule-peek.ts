import type { RuleState } from '../core/alerts';
import type { TapewatchDb } from './db';

/*
 * Reads of the alert tables that need no rule validation, apart from `alert-rules.ts` (which
 * validates every stored rule): the feed worker and the page load the rule parser and engine only
 * once a rule exists, and these tell them whether one does.
 */

/** How many alert rules are stored, without reading or validating them. */
export function countAlertRules(db: TapewatchDb): Promise<number> {
  return db.alertRules.count();
}

export function loadAlertStates(db: TapewatchDb): Promise<RuleState[]> {
  return db.alertStates.toArray();
}
