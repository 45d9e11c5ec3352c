import type { AlertFiring } from '../firing';
import { channelWants, isConfirmed, type AlertChannel } from './channel-config';

/**
 * Deliveries of firings to channels: one row per firing and channel, each retried on its own
 * schedule, so a refused or slow channel never holds the others back. The firing itself lives in
 * the alert history whatever happens here; a delivery keeps a copy so a retry after a reload can
 * still send it.
 */
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface Delivery {
  /** `<dedupKey>><channelId>`. */
  readonly id: string;
  readonly channelId: string;
  readonly firing: AlertFiring;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** When the next attempt is due (epoch ms); pending only. */
  readonly nextAtMs: number;
  readonly lastError: string | null;
  readonly lastAttemptMs: number | null;
}

/** Waits after the 1st, 2nd, … failed attempt; past the last one the delivery is `failed`. */
export const RETRY_DELAYS_MS: readonly number[] = [5_000, 15_000, 60_000, 300_000, 900_000, 3_600_000];

/** Sent deliveries kept for the alert center (pending and failed ones are all kept). */
export const SENT_KEPT = 200;

export function deliveryId(firing: AlertFiring, channelId: string): string {
  return `${firing.dedupKey}>${channelId}`;
}

/**
 * Adds a delivery per confirmed, enabled channel that wants the firing's priority. Quiet firings
 * (quiet hours, not critical) go nowhere, as they make no sound and show no notification.
 * A firing already queued for a channel (another tab's copy, a replay) is not queued twice.
 */
export function enqueue(
  outbox: readonly Delivery[],
  firing: AlertFiring,
  channels: readonly AlertChannel[],
  nowMs: number,
): Delivery[] {
  if (firing.quiet) return [...outbox];
  const known = new Set(outbox.map((d) => d.id));
  const added: Delivery[] = [];
  for (const channel of channels) {
    if (!channelWants(channel, firing.priority) || !isConfirmed(channel)) continue;
    const id = deliveryId(firing, channel.id);
    if (known.has(id)) continue;
    known.add(id);
    added.push({
      id,
      channelId: channel.id,
      firing,
      status: 'pending',
      attempts: 0,
      nextAtMs: nowMs,
      lastError: null,
      lastAttemptMs: null,
    });
  }
  return [...outbox, ...added];
}

/** Pending deliveries whose time has come. */
export function dueDeliveries(outbox: readonly Delivery[], nowMs: number): Delivery[] {
  return outbox.filter((d) => d.status === 'pending' && d.nextAtMs <= nowMs);
}

/** The delivery after one attempt: sent, or pending again after its backoff, or failed for good. */
export function afterAttempt(
  delivery: Delivery,
  outcome: { ok: true } | { ok: false; error: string; retryAfterMs?: number },
  nowMs: number,
): Delivery {
  const attempts = delivery.attempts + 1;
  if (outcome.ok) return { ...delivery, status: 'sent', attempts, lastError: null, lastAttemptMs: nowMs };
  const wait = RETRY_DELAYS_MS[attempts - 1];
  if (wait === undefined)
    return { ...delivery, status: 'failed', attempts, lastError: outcome.error, lastAttemptMs: nowMs };
  return {
    ...delivery,
    status: 'pending',
    attempts,
    nextAtMs: nowMs + Math.max(wait, outcome.retryAfterMs ?? 0),
    lastError: outcome.error,
    lastAttemptMs: nowMs,
  };
}

/** The user asked to try a failed (or waiting) delivery again now; its schedule starts over. */
export function retryNow(delivery: Delivery, nowMs: number): Delivery {
  return { ...delivery, status: 'pending', attempts: 0, nextAtMs: nowMs };
}

/** Replaces deliveries by id and drops the oldest sent ones beyond `SENT_KEPT`. */
export function mergeOutbox(outbox: readonly Delivery[], changed: readonly Delivery[]): Delivery[] {
  const byId = new Map(changed.map((d) => [d.id, d]));
  const merged = outbox.map((d) => byId.get(d.id) ?? d);
  const sent = merged.filter((d) => d.status === 'sent');
  if (sent.length <= SENT_KEPT) return merged;
  const drop = new Set(
    [...sent]
      .sort((a, b) => (a.lastAttemptMs ?? 0) - (b.lastAttemptMs ?? 0))
      .slice(0, sent.length - SENT_KEPT)
      .map((d) => d.id),
  );
  return merged.filter((d) => !drop.has(d.id));
}

/** When the next pending delivery is due, or null when nothing waits. */
export function nextDueMs(outbox: readonly Delivery[]): number | null {
  let next: number | null = null;
  for (const d of outbox) if (d.status === 'pending' && (next === null || d.nextAtMs < next)) next = d.nextAtMs;
  return next;
}
