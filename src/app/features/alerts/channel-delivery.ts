import type { AlertFiring } from '../../../core/alerts';
import { alertTarget } from '../../../core/alerts/channels/alert-target';
import type { AlertChannel } from '../../../core/alerts/channels/channel-config';
import {
  afterAttempt,
  dueDeliveries,
  enqueue,
  mergeOutbox,
  nextDueMs,
  retryNow,
  type Delivery,
} from '../../../core/alerts/channels/outbox';
import { sendToChannel } from './channel-sender';

export interface OutboxStorage {
  load(): Promise<Delivery[]>;
  save(outbox: readonly Delivery[]): Promise<void>;
}

/**
 * Runs the outbox in the tab that delivers (the feed's leader): each due delivery is sent on its
 * own, so a slow or refusing channel never holds another back; results are stored as they come,
 * so a reload (or another tab taking over) resumes the retries. Timers only wake it up: in a
 * background tab browsers may delay them to once a minute, which delays a retry, never loses it.
 */
export class ChannelDelivery {
  outbox: readonly Delivery[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly inFlight = new Set<string>();
  private saving: Promise<void> = Promise.resolve();
  private active = false;

  constructor(
    private readonly storage: OutboxStorage,
    private readonly channels: () => readonly AlertChannel[],
    private readonly onChange: (outbox: readonly Delivery[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts delivering (this tab leads): reads what is pending and sends what is due. */
  async start(): Promise<void> {
    this.outbox = await this.storage.load();
    this.active = true;
    this.onChange(this.outbox);
    this.pump();
  }

  stop(): void {
    this.active = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Queues a firing for every channel that takes it. */
  add(firing: AlertFiring): void {
    const next = enqueue(this.outbox, firing, this.channels(), this.now());
    if (next.length === this.outbox.length) return;
    this.commit(next);
    this.pump();
  }

  /** The user's "retry now" on a failed or waiting delivery. */
  retry(id: string): void {
    const d = this.outbox.find((x) => x.id === id);
    if (d === undefined) return;
    this.commit(mergeOutbox(this.outbox, [retryNow(d, this.now())]));
    this.pump();
  }

  private commit(next: readonly Delivery[]): void {
    this.outbox = next;
    this.onChange(next);
    const snapshot = next;
    this.saving = this.saving.then(() => this.storage.save(snapshot)).catch(() => undefined);
  }

  private pump(): void {
    if (!this.active) return;
    const now = this.now();
    for (const d of dueDeliveries(this.outbox, now)) {
      if (this.inFlight.has(d.id)) continue;
      const channel = this.channels().find((c) => c.id === d.channelId);
      if (channel === undefined) {
        this.commit(mergeOutbox(this.outbox, [{ ...d, status: 'failed', lastError: 'channel removed' }]));
        continue;
      }
      this.inFlight.add(d.id);
      const f = d.firing;
      const target =
        f.instrument === null || f.timeframe === null
          ? null
          : alertTarget(f.instrument, f.timeframe, f.openTimeMs, f.ruleId);
      void sendToChannel(channel, f, { appOrigin: location.origin, targetPath: target?.url ?? null }).then(
        (outcome) => {
          this.inFlight.delete(d.id);
          const current = this.outbox.find((x) => x.id === d.id) ?? d;
          this.commit(mergeOutbox(this.outbox, [afterAttempt(current, outcome, this.now())]));
          this.pump();
        },
      );
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const next = nextDueMs(this.outbox.filter((d) => !this.inFlight.has(d.id)));
    if (next === null || !this.active) return;
    this.timer = setTimeout(() => this.pump(), Math.max(0, next - this.now()));
  }
}
