import type { FeedBatch, FeedConfig } from '../core/feed/feed-controller';
import { onStorageEvent } from '../data/open-storage';
import { FeedClient } from './feed-client';

const LOCK = 'tapewatch-feed-leader';
const CHANNEL = 'tapewatch-feed';

export type Role = 'leader' | 'follower';

type ChannelMessage = { kind: 'batch'; batch: FeedBatch } | { kind: 'restart' };

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
 */
export class FeedLeadership {
  private readonly channel: BroadcastChannel | null;
  private client: FeedClient | null = null;
  private config: FeedConfig | null = null;
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
      const msg = event.data;
      if (msg.kind === 'batch' && this.client === null) this.onBatch(msg.batch);
      if (msg.kind === 'restart' && this.client !== null) void this.restart();
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
    void navigator.locks.request(LOCK, async () => {
      // A feed that could not start gives the lock up, so a tab that can run it takes over.
      if (this.retired || !(await this.lead())) return;
      // Hold the lock for the life of this tab (or until a newer version takes over).
      await new Promise<void>((resolve) => (this.release = resolve));
    });
  }

  /** Stops following and leading for good (this tab's code is outdated). */
  retire(): void {
    this.retired = true;
    this.client?.terminate();
    this.client = null;
    this.channel?.close();
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

  private async lead(): Promise<boolean> {
    this.client = new FeedClient();
    this.onRole('leader');
    const config = this.config ?? (await this.loadConfig());
    return this.run(this.client, config);
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
      this.onRole('follower');
      this.options.onFailure(error);
      return false;
    }
  }

  private fromWorker(batch: FeedBatch): void {
    this.onBatch(batch);
    this.channel?.postMessage({ kind: 'batch', batch } satisfies ChannelMessage);
  }
}
