import type { TapewatchDb } from '../../../data/db';
import { acknowledgeAlertFirings, recentAlertFirings } from '../../../data/alert-firings';
import { countAlertRules, loadAlertStates } from '../../../data/alert-rule-peek';
import type { AlertStorage } from './alert-ports';

/**
 * The alert center's view of the page's database (schema v5): the rule set the feed worker
 * evaluates, its states and the firings it stored.
 */
export function alertStorage(db: TapewatchDb): AlertStorage {
  /** Storage numbers firings (`seq`); the page names them by dedup key. */
  const seqs = new Map<string, number>();
  /**
   * The rule validator and its storage load with the first rule: a desk without rules (a fresh
   * profile) reads only their count at start.
   */
  const ruleStore = () => import('../../../data/alert-rules');
  const rules = async () =>
    (await countAlertRules(db)) === 0 ? [] : (await (await ruleStore()).loadAlertRules(db)).rules;
  /**
   * The leader's feed worker reloads the stored rules when told on this channel
   * (workers/feed.worker.ts), and judges new ones on the bars that arrived since `savedAtMs`.
   */
  const changed = (savedAtMs: number) => {
    const channel = new BroadcastChannel('tapewatch-alert-rules');
    channel.postMessage({ savedAtMs });
    channel.close();
  };
  return {
    loadRules: rules,
    putRule: async (rule) => {
      const savedAtMs = Date.now();
      const current = await rules();
      const at = current.findIndex((r) => r.id === rule.id);
      const { saveAlertRules } = await ruleStore();
      await saveAlertRules(db, at < 0 ? [...current, rule] : current.map((r, i) => (i === at ? rule : r)));
      changed(savedAtMs);
    },
    deleteRule: async (id) => {
      const savedAtMs = Date.now();
      const { saveAlertRules } = await ruleStore();
      await saveAlertRules(
        db,
        (await rules()).filter((r) => r.id !== id),
      );
      changed(savedAtMs);
    },
    loadStates: () => loadAlertStates(db),
    loadFirings: async (limit) => {
      const rows = await recentAlertFirings(db, { limit });
      return rows.map((row) => {
        const { seq, acknowledgedAtMs, ...firing } = row;
        if (seq !== undefined) seqs.set(firing.dedupKey, seq);
        return { firing, acknowledgedAtMs: acknowledgedAtMs ?? null };
      });
    },
    acknowledge: async (keys, atMs) => {
      const known = keys.map((k) => seqs.get(k)).filter((s): s is number => s !== undefined);
      await acknowledgeAlertFirings(db, known, atMs);
    },
  };
}
