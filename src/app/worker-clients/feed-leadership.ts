import type { FeedBatch, FeedConfig } from '../../core/feed/feed-controller';
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
 */
export class FeedLeadership {
  private readonly channel = new BroadcastChannel(CHANNEL);
  private client: FeedClient | null = null;
  private config: FeedConfig | null = null;

  constructor(
    private readonly onBatch: (batch: FeedBatch) => void,
    private readonly onRole: (role: Role) => void,
    /** Reads the saved settings again (another tab may have changed them). */
    private readonly loadConfig: () => Promise<FeedConfig>,
  ) {
    this.channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
      const msg = event.data;
      if (msg.kind === 'batch' && this.client === null) this.onBatch(msg.batch);
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
    void navigator.locks.request(LOCK, async () => {
      await this.lead();
      // Hold the lock for the life of this tab.
      await new Promise<never>(() => undefined);
    });
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

  private async lead(): Promise<void> {
    this.client = new FeedClient();
    this.onRole('leader');
    const config = this.config ?? (await this.loadConfig());
    await this.client.start(config, (batch) => this.fromWorker(batch));
  }

  private fromWorker(batch: FeedBatch): void {
    this.onBatch(batch);
    this.channel.postMessage({ kind: 'batch', batch } satisfies ChannelMessage);
  }
}
