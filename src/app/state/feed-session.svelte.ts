import type { AlertInput } from '../../core/alerts/input';
import type { AnalyticsView } from '../../core/analytics/analytics-view';
import type { FeedBatch, FeedConfig } from '../../core/feed/feed-controller';
import type { FeedHealth } from '../../core/feed/feed-health';
import type { Quote } from '../../core/exchange/types';
import type { TapewatchDb } from '../../data/db';
import { NewerStorageError, type AppStorage } from '../../data/open-storage';
import { WorkerLoadError } from '../worker-clients/worker-health';
import { FeedClient } from '../worker-clients/feed-client';
import { FeedLeadership, type Role } from '../worker-clients/feed-leadership';
import { feedConfigFor } from './feed-config';
import { installPagePolicy, policyCovers } from '../security/page-policy';
import { confirmedChannelOrigins } from '../features/alerts/channel-settings';
import {
  acceptProposal,
  endpointOrigins,
  loadSavedSettings,
  loadSettings,
  saveSettings,
  type AppSettings,
  type LinkProposal,
} from './settings';

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
  /** This page's database once open (IndexedDB, or memory where there is none). */
  db = $state.raw<TapewatchDb | null>(null);
  /** False: nothing is kept after the tab closes (no IndexedDB, or the feed's worker has none). */
  persistent = $state(true);
  storageReason = $state<string | null>(null);
  /** The browser's answer to the request for durable storage; null until asked or where unsupported. */
  durable = $state<boolean | null>(null);
  /** Something only a reload fixes (a newer deploy took over, the feed could not load). */
  problem = $state<string | null>(null);
  /** A link's endpoint changes, waiting for the user's accept or reject; nothing runs meanwhile. */
  proposal = $state.raw<LinkProposal | null>(null);
  /** The stored settings while a proposal waits (whether a token is saved, what reject keeps). */
  pendingStored = $state.raw<AppSettings | null>(null);
  private decided: () => void = () => undefined;

  constructor(private readonly storage: Promise<AppStorage>) {}

  /**
   * Opens storage, reads the settings (the link may carry some), then starts or follows the feed.
   * Never a silent "connecting…": a start that fails says why in `problem`. Null when it failed.
   */
  async start(search: URLSearchParams): Promise<AppSettings | null> {
    try {
      const opened = await this.storage;
      const db = opened.db;
      this.db = db;
      this.persistent = opened.persistent;
      this.storageReason = opened.reason;
      const loaded = await loadSettings(db, search);
      // Before anything connects: only the venues, loopback and endpoints the user confirmed.
      // Alert channels' hosts too, once the user confirmed them (see features/alerts).
      installPagePolicy([...endpointOrigins(loaded.settings.endpoints), ...(await confirmedChannelOrigins(db))]);
      // Under that policy (a blob worker inherits the page's policy when it is created), and
      // before the rest of the start: the worker's script loads meanwhile.
      FeedClient.warm();
      if (loaded.proposal !== null) {
        // Accepting reloads the page (the new endpoint enters the policy); rejecting goes on here.
        this.pendingStored = loaded.settings;
        this.proposal = loaded.proposal;
        await new Promise<void>((resolve) => (this.decided = resolve));
      }
      const settings = loaded.settings;
      this.settings = settings;
      this.leadership = new FeedLeadership(
        (batch) => this.receive(batch),
        (role) => {
          this.role = role;
          // A new leader starts its own feed: drop the health it followed.
          if (role === 'leader') this.health = null;
        },
        async () => {
          const latest = await loadSavedSettings(db);
          // Another tab confirmed an endpoint this page's policy does not admit: load it afresh.
          if (!policyCovers(endpointOrigins(latest.endpoints))) location.reload();
          return this.config(latest);
        },
        {
          shared: opened.persistent,
          onFailure: (error) => {
            this.problem =
              error instanceof WorkerLoadError ? "Couldn't load the feed — reload" : `Feed stopped: ${String(error)}`;
          },
          onStorage: (kept) => {
            if (!kept) this.persistent = false;
          },
        },
      );
      this.leadership.start(await this.config(settings));
      // The view may have been set before the feed existed.
      if (this.pendingView !== null) this.setView(this.pendingView);
      return settings;
    } catch (error) {
      this.problem =
        error instanceof NewerStorageError
          ? error.message
          : `Couldn't start: ${error instanceof Error ? error.message : String(error)} — reload`;
      return null;
    }
  }

  /** The link is spent either way: accepted settings are saved, rejected ones never were. */
  private linkless(): string {
    return `${location.pathname}${location.hash}`;
  }

  async acceptLink(sendToken: boolean): Promise<void> {
    if (this.proposal === null) return;
    await saveSettings(this.openedDb(), acceptProposal(this.proposal, sendToken));
    location.replace(this.linkless());
  }

  rejectLink(): void {
    this.proposal = null;
    history.replaceState(history.state, '', this.linkless());
    this.decided();
  }

  private openedDb(): TapewatchDb {
    if (this.db === null) throw new Error('storage is not open yet');
    return this.db;
  }

  async applySettings(next: AppSettings): Promise<void> {
    this.settings = next;
    await saveSettings(this.openedDb(), next);
    // A new endpoint enters the page's connection policy only on a fresh load.
    if (!policyCovers(endpointOrigins(next.endpoints))) {
      location.reload();
      return;
    }
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

  /** The leader's feed worker's line to the service worker, for alert notifications. */
  notifyVia(port: MessagePort | null): Promise<void> {
    return this.leadership?.notifyVia(port) ?? Promise.resolve(port?.close());
  }

  /** Inputs from other stages (news sentiment) for the leader's alert engine; dropped in a follower. */
  alertInput(inputs: readonly AlertInput[]): void {
    void this.leadership?.alertInput(inputs).catch(() => undefined);
  }

  /** Subscribes to every batch (candles, analytics); returns the unsubscribe. */
  onBatch(listener: (batch: FeedBatch) => void): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  private config(settings: AppSettings): Promise<FeedConfig> {
    return feedConfigFor(this.openedDb(), settings);
  }

  private receive(batch: FeedBatch): void {
    if (batch.health) {
      this.health = batch.health;
      // Ask for durable storage once there is history worth keeping, not on first paint.
      if (!this.persistAsked && batch.health.candlesWritten > 0) {
        this.persistAsked = true;
        void navigator.storage
          ?.persist?.()
          .then((granted) => (this.durable = granted))
          .catch(() => undefined);
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
