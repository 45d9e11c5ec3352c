import type { AnalyticsView } from '../../core/analytics/analytics-view';
import type { FeedBatch, FeedConfig } from '../../core/feed/feed-controller';
import type { FeedHealth } from '../../core/feed/feed-health';
import type { Quote } from '../../core/exchange/types';
import type { TapewatchDb } from '../../data/db';
import { FeedLeadership, type Role } from '../worker-clients/feed-leadership';
import { feedConfigFor } from './feed-config';
import { loadSavedSettings, loadSettings, saveSettings, type AppSettings } from './settings';

/**
 * The running feed as the page sees it: settings, this tab's role (leader runs the worker,
 * followers listen), the latest health and quotes, and the batches for whoever draws them.
 */
export class FeedSession {
  settings = $state.raw<AppSettings | null>(null);
  role = $state<Role>('follower');
  health = $state.raw<FeedHealth | null>(null);
  quotes = $state.raw<Record<string, Quote>>({});
  private leadership: FeedLeadership | null = null;
  private listeners: ((batch: FeedBatch) => void)[] = [];
  private persistAsked = false;
  private pendingView: AnalyticsView | null = null;

  constructor(private readonly db: TapewatchDb) {}

  /** Reads the settings (the link may carry some), then starts or follows the feed. */
  async start(search: URLSearchParams): Promise<AppSettings> {
    const settings = await loadSettings(this.db, search);
    this.settings = settings;
    this.leadership = new FeedLeadership(
      (batch) => this.receive(batch),
      (role) => {
        this.role = role;
        // A new leader starts its own feed: drop the health it followed.
        if (role === 'leader') this.health = null;
      },
      async () => this.config(await loadSavedSettings(this.db)),
    );
    this.leadership.start(await this.config(settings));
    // The view may have been set before the feed existed.
    if (this.pendingView !== null) this.setView(this.pendingView);
    return settings;
  }

  async applySettings(next: AppSettings): Promise<void> {
    this.settings = next;
    await saveSettings(this.db, next);
    this.health = null;
    await this.leadership?.restart(await this.config(next));
  }

  /** Why the worker refused the view on screen (a view it cannot compute), or null. */
  viewError = $state<string | null>(null);

  /** What is on screen, for the worker's analytics stage. */
  setView(view: AnalyticsView): void {
    this.pendingView = view;
    this.leadership
      ?.setView(view)
      .then(() => (this.viewError = null))
      .catch((error: unknown) => (this.viewError = error instanceof Error ? error.message : String(error)));
  }

  /** Subscribes to every batch (candles, analytics); returns the unsubscribe. */
  onBatch(listener: (batch: FeedBatch) => void): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  private config(settings: AppSettings): Promise<FeedConfig> {
    return feedConfigFor(this.db, settings);
  }

  private receive(batch: FeedBatch): void {
    if (batch.health) {
      this.health = batch.health;
      // Ask for durable storage once there is history worth keeping, not on first paint.
      if (!this.persistAsked && batch.health.candlesWritten > 0) {
        this.persistAsked = true;
        void navigator.storage?.persist?.();
      }
    }
    this.applyQuotes(batch.quotes, batch.dropQuotes);
    for (const listener of this.listeners) listener(batch);
  }

  private applyQuotes(quotes: readonly Quote[], drop: readonly string[] = []): void {
    if (quotes.length === 0 && drop.length === 0) return;
    const next: Record<string, Quote> = {};
    for (const [key, q] of Object.entries(this.quotes)) if (!drop.includes(key)) next[key] = q;
    for (const q of quotes) next[`${q.venue}:${q.symbol}`] = q;
    this.quotes = next;
  }
}
