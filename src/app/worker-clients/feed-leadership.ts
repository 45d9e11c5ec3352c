import { proxy, transfer } from 'comlink';
import type { AlertInput } from '../../core/alerts/input';
import type { AnalyticsFrame, AnalyticsView } from '../../core/analytics/analytics-view';
import { FEED_BATCH_CHANNEL, type SharedBatch } from '../../core/feed/feed-channel';
import type { FeedBatch, FeedConfig } from '../../core/feed/feed-controller';
import { onStorageEvent } from '../../data/open-storage';
import { FeedClient } from './feed-client';

const LOCK = 'tapewatch-feed-leader';
const CHANNEL = 'tapewatch-feed';

export type Role = 'leader' | 'follower';

type ChannelMessage = { kind: 'restart' };

export interface LeadershipOptions {
  /**
   * Tabs share one feed only through common storage: without it (in-memory storage) each tab
   * runs its own feed and neither follows nor steers the others.
   */
  readonly shared: boolean;
  /** The feed failed to start (its worker never loaded): shown as a state the user can act on. */
  readonly onFailure: (error: unknown) => void;
  /** Whether the feed worker's own storage persists (it may have none where the page has). */
  readonly onStorage?: (persistent: boolean) => void;
}

/**
 * One feed per browser: the tab holding the Web Lock runs the feed worker (one set of exchange
 * connections, one writer); every other tab follows the batches it broadcasts. When the leader
 * closes, the lock passes to a waiting tab, which starts the feed and resumes from IndexedDB
 * (the trade-id check backfills the handover gap).
 *
 * Analytics are computed in this tab's feed worker in either role: the leader's in its feed, a
 * follower's by the worker's analytics stage alone, fed with the broadcast bar updates. Either way
 * they reach `onBatch` as `batch.analytics` (a follower's as batches without bars).
 */
export class FeedLeadership {
  private readonly channel: BroadcastChannel | null;
  /** The leader's batches (its worker posts them, see FEED_BATCH_CHANNEL), open while this tab follows. */
  private batches: BroadcastChannel | null = null;
  /** Set while this tab leads (runs the feed). */
  private client: FeedClient | null = null;
  /** This tab's worker while it follows: analytics only. */
  private follower: FeedClient | null = null;
  private config: FeedConfig | null = null;
  private view: AnalyticsView | null = null;
  private retired = false;
  private release: () => void = () => undefined;

  constructor(
    private readonly onBatch: (batch: FeedBatch) => void,
    private readonly onRole: (role: Role) => void,
    /** Reads the saved settings again (another tab may have changed them). */
    private readonly loadConfig: () => Promise<FeedConfig>,
    private readonly options: LeadershipOptions = { shared: true, onFailure: () => undefined },
  ) {
    this.channel = options.shared ? new BroadcastChannel(CHANNEL) : null;
    // A newer Tapewatch took the database over: this tab's feed can no longer write, so it stops
    // and hands the lock to the newer tab, which runs the feed from then on.
    onStorageEvent((event) => {
      if (event === 'replaced') this.retire();
    });
    if (this.channel === null) return;
    this.channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
      if (event.data.kind === 'restart' && this.client !== null) void this.restart();
    };
    this.listenToLeader(true);
  }

  /** Followers take the leader's batches; the leader does not receive (and decode) its own. */
  private listenToLeader(on: boolean): void {
    if (!on || this.retired || !this.options.shared) {
      this.batches?.close();
      this.batches = null;
      return;
    }
    if (this.batches !== null) return;
    this.batches = new BroadcastChannel(FEED_BATCH_CHANNEL);
    this.batches.onmessage = (event: MessageEvent<SharedBatch>) => {
      if (this.client !== null) return;
      const batch = event.data;
      this.onBatch(batch);
      if (batch.updates.length > 0) void this.follower?.api.relay(batch.updates);
    };
  }

  start(config: FeedConfig): void {
    this.config = config;
    if (!this.options.shared || !('locks' in navigator)) {
      // No shared storage, or no Web Locks (very old browsers): every tab runs its own feed.
      void this.lead();
      return;
    }
    this.onRole('follower');
    void this.follow();
    void navigator.locks.request(LOCK, async () => {
      // A feed that could not start gives the lock up, so a tab that can run it takes over.
      if (this.retired || !(await this.lead())) return;
      // Hold the lock for the life of this tab (or until a newer version takes over).
      await new Promise<void>((resolve) => (this.release = resolve));
    });
  }

  /** What is on screen; the worker of this tab computes it (see `AnalyticsView`). */
  async setView(view: AnalyticsView | null): Promise<void> {
    this.view = view;
    await (this.client ?? this.follower)?.api.setView(view);
  }

  /** Inputs from other stages for the alert engine: only the leader's feed worker judges them. */
  async alertInput(inputs: readonly AlertInput[]): Promise<void> {
    if (inputs.length > 0) await this.client?.api.alertInput(inputs);
  }

  /** Gives the leader's feed worker its line to the service worker (see `notify-route.ts`). */
  async notifyVia(port: MessagePort | null): Promise<void> {
    if (this.client === null) return port?.close();
    await this.client.api.notifyVia(port === null ? null : transfer(port, [port]));
  }

  /** Stops following and leading for good (this tab's code is outdated). */
  retire(): void {
    this.retired = true;
    this.client?.terminate();
    this.client = null;
    this.follower?.terminate();
    this.follower = null;
    this.channel?.close();
    this.listenToLeader(false);
    this.release();
  }

  /** Settings changed here: restart the feed wherever it runs. */
  async restart(config?: FeedConfig): Promise<void> {
    if (this.retired) return;
    if (config !== undefined) this.config = config;
    if (this.client === null) {
      this.channel?.postMessage({ kind: 'restart' } satisfies ChannelMessage);
      return;
    }
    this.config = await this.loadConfig();
    await this.run(this.client, this.config);
  }

  private async follow(): Promise<void> {
    const follower = FeedClient.take(!this.options.shared);
    this.follower = follower;
    try {
      await follower.follow(
        proxy((analytics: AnalyticsFrame) => {
          if (this.client === null) this.onBatch({ updates: [], quotes: [], analytics });
        }),
      );
      if (this.view !== null) await follower.api.setView(this.view);
    } catch (error) {
      // The worker never loaded: the same visible, recoverable state as a leader's failure.
      if (this.follower === follower) this.follower = null;
      follower.terminate();
      this.options.onFailure(error);
    }
  }

  private async lead(): Promise<boolean> {
    // The follower's worker becomes the feed's (starting the feed ends its follower mode).
    this.client = this.follower ?? FeedClient.take(!this.options.shared);
    this.follower = null;
    this.listenToLeader(false);
    this.onRole('leader');
    const config = this.config ?? (await this.loadConfig());
    const started = await this.run(this.client, config);
    if (started && this.view !== null) await this.client?.api.setView(this.view);
    return started;
  }

  private async run(client: FeedClient, config: FeedConfig): Promise<boolean> {
    try {
      const { persistent } = await client.start(config, (batch) => this.fromWorker(batch), {
        memoryOnly: !this.options.shared,
      });
      this.options.onStorage?.(persistent);
      return true;
    } catch (error) {
      // Follow whichever tab leads next (its batches still reach this one).
      client.terminate();
      if (this.client === client) this.client = null;
      this.listenToLeader(true);
      this.onRole('follower');
      this.options.onFailure(error);
      return false;
    }
  }

  private fromWorker(batch: FeedBatch): void {
    // Follower tabs get it from the worker itself (FEED_BATCH_CHANNEL).
    this.onBatch(batch);
  }
}
