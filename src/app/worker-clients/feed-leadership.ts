import type { AnalyticsFrame, AnalyticsView } from '../../core/analytics/analytics-view';
import type { FeedBatch, FeedConfig } from '../../core/feed/feed-controller';
import { proxy } from 'comlink';
import { FeedClient } from './feed-client';

const LOCK = 'tapewatch-feed-leader';
const CHANNEL = 'tapewatch-feed';

export type Role = 'leader' | 'follower';

type ChannelMessage = { kind: 'batch'; batch: FeedBatch } | { kind: 'restart' };

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
  private readonly channel = new BroadcastChannel(CHANNEL);
  /** Set while this tab leads (runs the feed). */
  private client: FeedClient | null = null;
  /** This tab's worker while it follows: analytics only. */
  private follower: FeedClient | null = null;
  private config: FeedConfig | null = null;
  private view: AnalyticsView | null = null;

  constructor(
    private readonly onBatch: (batch: FeedBatch) => void,
    private readonly onRole: (role: Role) => void,
    /** Reads the saved settings again (another tab may have changed them). */
    private readonly loadConfig: () => Promise<FeedConfig>,
  ) {
    this.channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
      const msg = event.data;
      if (msg.kind === 'batch' && this.client === null) {
        this.onBatch(msg.batch);
        if (msg.batch.updates.length > 0) void this.follower?.api.relay(msg.batch.updates);
      }
      if (msg.kind === 'restart' && this.client !== null) void this.restart();
    };
  }

  start(config: FeedConfig): void {
    this.config = config;
    if (!('locks' in navigator)) {
      // No Web Locks (very old browsers): every tab runs its own feed.
      void this.lead();
      return;
    }
    this.onRole('follower');
    void this.follow();
    void navigator.locks.request(LOCK, async () => {
      await this.lead();
      // Hold the lock for the life of this tab.
      await new Promise<never>(() => undefined);
    });
  }

  /** What is on screen; the worker of this tab computes it (see `AnalyticsView`). */
  async setView(view: AnalyticsView | null): Promise<void> {
    this.view = view;
    await (this.client ?? this.follower)?.api.setView(view);
  }

  /** Settings changed here: restart the feed wherever it runs. */
  async restart(config?: FeedConfig): Promise<void> {
    if (config !== undefined) this.config = config;
    if (this.client === null) {
      this.channel.postMessage({ kind: 'restart' } satisfies ChannelMessage);
      return;
    }
    this.config = await this.loadConfig();
    await this.client.start(this.config, (batch) => this.fromWorker(batch));
  }

  private async follow(): Promise<void> {
    const follower = new FeedClient();
    this.follower = follower;
    await follower.api.follow(
      proxy((analytics: AnalyticsFrame) => {
        if (this.client === null) this.onBatch({ updates: [], quotes: [], analytics });
      }),
    );
    if (this.view !== null) await follower.api.setView(this.view);
  }

  private async lead(): Promise<void> {
    // The follower's worker becomes the feed's (starting the feed ends its follower mode).
    this.client = this.follower ?? new FeedClient();
    this.follower = null;
    this.onRole('leader');
    const config = this.config ?? (await this.loadConfig());
    await this.client.start(config, (batch) => this.fromWorker(batch));
    if (this.view !== null) await this.client.api.setView(this.view);
  }

  private fromWorker(batch: FeedBatch): void {
    this.onBatch(batch);
    // Analytics belong to this tab's view; followers compute their own.
    const { analytics: _mine, ...shared } = batch;
    this.channel.postMessage({ kind: 'batch', batch: shared } satisfies ChannelMessage);
  }
}
