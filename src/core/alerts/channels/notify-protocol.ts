import type { AlertNotification } from './alert-notification';

/**
 * How a firing reaches the service worker, which shows it. Two senders race for each firing: the
 * feed worker, over a MessagePort the page handed it (a dedicated worker has no
 * `navigator.serviceWorker`), so a busy page never delays it; and the page, whose message also
 * wakes a service worker the browser stopped (a port does not). The first to arrive is shown; the
 * other is answered `duplicate`.
 */
export interface NotifyRequest extends AlertNotification {
  readonly kind: 'tapewatch-notify';
  /** The firing's dedup key: one notification per firing, whoever sends it. */
  readonly key: string;
}

export interface NotifyReply {
  readonly kind: 'tapewatch-notified';
  readonly key: string;
  /** Shown now (`shown`), already shown for the other sender (`duplicate`), or failed. */
  readonly outcome: 'shown' | 'duplicate' | 'failed';
  readonly error?: string;
  /**
   * When `showNotification` was called: `Date.now()`, the one clock all contexts share
   * (`performance.timeOrigin` readings of two contexts can disagree by hundreds of ms); 0 if not.
   */
  readonly calledAtMs: number;
}

/** The page hands the service worker the feed worker's end of a channel with this message. */
export const NOTIFY_PORT_MESSAGE = 'tapewatch-notify-port';

export function notifyRequest(key: string, notification: AlertNotification): NotifyRequest {
  return { kind: 'tapewatch-notify', key, title: notification.title, options: notification.options };
}

const MAX_TEXT = 1_000;

function isText(value: unknown, max = MAX_TEXT): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

/** A request as received (anything): checked field by field, or null. */
export function readNotifyRequest(data: unknown): NotifyRequest | null {
  if (typeof data !== 'object' || data === null) return null;
  const r = data as Partial<NotifyRequest>;
  const o = r.options as Partial<AlertNotification['options']> | undefined;
  if (r.kind !== 'tapewatch-notify' || !isText(r.key) || !isText(r.title)) return null;
  if (typeof o !== 'object' || o === null || !isText(o.body) || !isText(o.tag)) return null;
  return r as NotifyRequest;
}

/**
 * The firings shown lately, each with its attempt, so the second sender of a firing is not shown
 * again, unless the first sender's attempt did not leave a notification (it failed, or the
 * browser dropped it): then the second one shows it.
 */
export class ShownKeys {
  private readonly attempts = new Map<string, Promise<boolean>>();

  constructor(private readonly capacity = 1_000) {}

  /**
   * Shows a firing once: runs `attempt` (resolving with whether a notification is now listed) for
   * the first sender of a key, and for a later one only if every earlier attempt left none.
   * Resolves with `shown` (this call's attempt) or `duplicate`.
   */
  async once(key: string, attempt: () => Promise<boolean>): Promise<'shown' | 'duplicate'> {
    const earlier = this.attempts.get(key);
    if (earlier !== undefined && (await earlier.catch(() => false))) return 'duplicate';
    // Two later senders must not both retry: the first to get here holds the key again.
    if (earlier !== undefined && this.attempts.get(key) !== earlier) return this.once(key, attempt);
    const mine = attempt();
    this.attempts.delete(key);
    this.attempts.set(key, mine);
    if (this.attempts.size > this.capacity) {
      const oldest = this.attempts.keys().next().value;
      if (oldest !== undefined) this.attempts.delete(oldest);
    }
    await mine;
    return 'shown';
  }
}
