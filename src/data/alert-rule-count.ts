import type { TapewatchDb } from './db';

/**
 * How many alert rules are stored, without reading or validating them: the feed worker loads its
 * alert engine (a chunk of its own) only when this is above zero or a rule is saved.
 */
export function countAlertRules(db: TapewatchDb): Promise<number> {
  return db.alertRules.count();
}
