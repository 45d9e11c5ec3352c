import type { AlertRule } from '../../../core/alerts';
import type { TapewatchDb } from '../../../data/db';
import { readSetting, writeSetting } from '../../../data/settings-store';
import type { AlertStorage } from './alert-ports';

const RULES_KEY = 'alerts.rules';

/** The alert storage of the page's database. */
export function alertStorage(db: TapewatchDb): AlertStorage {
  const rules = async () => {
    const saved = await readSetting<unknown>(db, RULES_KEY, []);
    return Array.isArray(saved) ? (saved as AlertRule[]) : [];
  };
  return {
    loadRules: rules,
    putRule: async (rule) => writeSetting(db, RULES_KEY, [...(await rules()).filter((r) => r.id !== rule.id), rule]),
    deleteRule: async (id) =>
      writeSetting(
        db,
        RULES_KEY,
        (await rules()).filter((r) => r.id !== id),
      ),
    loadStates: async () => [],
    loadFirings: async () => [],
    acknowledge: async () => undefined,
  };
}
