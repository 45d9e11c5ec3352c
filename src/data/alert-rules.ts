import { AlertRuleError, parseRule, type AlertRule, type RuleState } from '../core/alerts';
import type { TapewatchDb } from './db';

export { loadAlertStates } from './alert-rule-peek';

export interface LoadedAlertRules {
  readonly rules: AlertRule[];
  /** Stored rules that no longer validate (an older or edited export): kept, not run, named here. */
  readonly problems: string[];
}

/** The rule set in the user's order; each stored rule is validated again on the way out. */
export async function loadAlertRules(db: TapewatchDb): Promise<LoadedAlertRules> {
  const rows = await db.alertRules.orderBy('order').toArray();
  const rules: AlertRule[] = [];
  const problems: string[] = [];
  rows.forEach((row, i) => {
    try {
      rules.push(parseRule(row.rule, i));
    } catch (error) {
      if (!(error instanceof AlertRuleError)) throw error;
      problems.push(error.message);
    }
  });
  return { rules, problems };
}

/**
 * Replaces the whole rule set (what `setRules` runs); the state of rules no longer in it is
 * dropped in the same transaction.
 */
export async function saveAlertRules(db: TapewatchDb, rules: readonly AlertRule[]): Promise<void> {
  await db.transaction('rw', db.alertRules, db.alertStates, async () => {
    const ids = new Set(rules.map((r) => r.id));
    await db.alertRules.clear();
    await db.alertRules.bulkPut(rules.map((rule, order) => ({ id: rule.id, order, rule })));
    const stale = (await db.alertStates.toCollection().primaryKeys()).filter((id) => !ids.has(id));
    await db.alertStates.bulkDelete(stale);
  });
}

/** Writes states back; a state of a rule that was deleted meanwhile is not resurrected. */
export async function saveAlertStates(db: TapewatchDb, states: readonly RuleState[]): Promise<void> {
  if (states.length === 0) return;
  await db.transaction('rw', db.alertRules, db.alertStates, async () => {
    const live = new Set(await db.alertRules.toCollection().primaryKeys());
    await db.alertStates.bulkPut(states.filter((s) => live.has(s.ruleId)));
  });
}
