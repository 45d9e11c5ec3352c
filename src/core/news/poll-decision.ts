import type { AlertRule } from '../alerts/rule';

/** Whether a rule needs the news fetched even while the page is hidden: an enabled sentiment rule. */
export const needsNews = (rules: readonly AlertRule[]): boolean =>
  rules.some((r) => r.kind === 'sentiment' && r.paused !== true);

/**
 * Why this tab does not poll the news now, or null when it should: only the feed's leader polls
 * (one set of calls per browser), while the page is visible or an enabled sentiment rule is
 * waiting on news (the schedule's rate limits hold either way).
 */
export function pollPausedBecause(leader: boolean, visible: boolean, rules: readonly AlertRule[]): string | null {
  if (!leader) return 'another tab fetches the news';
  if (!visible && !needsNews(rules)) return 'paused while the page is hidden';
  return null;
}
