import type { AlertFiring, AlertRule, RuleState } from '../../../core/alerts';

/** A stored firing as the alert center lists it. */
export interface FiringRow {
  readonly firing: AlertFiring;
  /** When the user acknowledged it; null while it is new. */
  readonly acknowledgedAtMs: number | null;
}

/**
 * What the alert center needs from storage (rules, their state, the firing history). The feed
 * worker evaluates the stored rules and stores every firing; the page reads and edits them here.
 */
export interface AlertStorage {
  loadRules(): Promise<AlertRule[]>;
  putRule(rule: AlertRule): Promise<void>;
  deleteRule(id: string): Promise<void>;
  loadStates(): Promise<RuleState[]>;
  /** The newest `limit` firings, newest first. */
  loadFirings(limit: number): Promise<FiringRow[]>;
  acknowledge(dedupKeys: readonly string[], atMs: number): Promise<void>;
}

/** The alert center's tabs. */
export type AlertTab = 'firings' | 'rules' | 'channels';
