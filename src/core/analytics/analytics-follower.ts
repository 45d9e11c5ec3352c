import type { CandleUpdate } from '../candles/candle';
import type { AnalyticsStage } from './analytics-stage';
import type { AnalyticsFrame } from './analytics-view';

/**
 * The analytics stage without a feed, for a tab that follows another tab's feed: the page relays
 * the bar updates of the leader's broadcast batches, and the frames go out at most once per
 * animation frame, as the feed's batches do. Values are still computed in the worker.
 */
export class AnalyticsFollower {
  private queued: CandleUpdate[] = [];
  private frameRequested = false;
  private stopped = false;

  constructor(
    private readonly stage: AnalyticsStage,
    private readonly requestFrame: (callback: () => void) => void,
    private readonly push: (frame: AnalyticsFrame) => void,
  ) {
    stage.onPending = () => this.schedule();
  }

  /** Bar updates from the leader's batch, in the order they came. */
  relay(updates: readonly CandleUpdate[]): void {
    if (this.stopped || updates.length === 0) return;
    for (const u of updates) this.queued.push(u);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.queued = [];
  }

  private schedule(): void {
    if (this.frameRequested || this.stopped) return;
    this.frameRequested = true;
    this.requestFrame(() => {
      this.frameRequested = false;
      if (this.stopped) return;
      const updates = this.queued;
      this.queued = [];
      const frame = this.stage.frame(updates);
      if (frame !== null) this.push(frame);
    });
  }
}
