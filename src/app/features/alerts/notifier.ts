import type { AlertFiring } from '../../../core/alerts';
import { alertNotification } from '../../../core/alerts/channels/alert-notification';
import type { AlertTarget } from '../../../core/alerts/channels/alert-target';
import { notifyRequest, type NotifyReply, type NotifyRequest } from '../../../core/alerts/channels/notify-protocol';

/** How long the service worker may take to answer (it may be starting). */
const REPLY_MS = 10_000;

let registration: Promise<ServiceWorkerRegistration | undefined> | null = null;

export type NotificationPermissionState = NotificationPermission | 'unsupported';

/** What the browser allows now ('unsupported': no Notification API or no service worker). */
export function notificationPermission(): NotificationPermissionState {
  if (typeof Notification === 'undefined' || !('serviceWorker' in navigator)) return 'unsupported';
  return Notification.permission;
}

/**
 * Asks once, in context: called from the click that creates the first rule (browsers only show
 * the prompt from a user gesture, and refuse it for good after a few dismissals).
 */
export async function askNotificationPermission(): Promise<NotificationPermissionState> {
  const now = notificationPermission();
  if (now !== 'default') return now;
  return Notification.requestPermission();
}

/** What became of a firing's notification: see `NotifyReply`; `off`: not allowed or no worker. */
export type ShowOutcome = NotifyReply['outcome'] | 'off';

/** The outcome, and when `showNotification` was called for it (`Date.now()`; 0 if this call did not). */
export interface ShowResult {
  readonly outcome: ShowOutcome;
  readonly calledAtMs: number;
}

/** The service worker's answer, or null when it gave none in time. */
function ask(worker: ServiceWorker, request: NotifyRequest): Promise<NotifyReply | null> {
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), REPLY_MS);
    channel.port1.onmessage = (event: MessageEvent<NotifyReply>) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(event.data);
    };
    worker.postMessage(request, [channel.port2]);
  });
}

/**
 * Shows a firing through the service worker (a page's `new Notification` has no click handler
 * once the page is gone). The page's copy races the feed worker's (see `notify-protocol.ts`); the
 * service worker shows the first and answers the other `duplicate`. `shown` here means the feed
 * worker's copy did not get there first (its port may have died with a stopped service worker).
 */
export async function showFiring(firing: AlertFiring, target: AlertTarget | null): Promise<ShowResult> {
  if (notificationPermission() !== 'granted') return { outcome: 'off', calledAtMs: 0 };
  // Looked up once: asking the browser for it per firing costs a round trip to its process.
  registration ??= navigator.serviceWorker.getRegistration();
  const found = await registration;
  if (found === undefined) {
    registration = null;
    return { outcome: 'off', calledAtMs: 0 };
  }
  const notification = alertNotification(firing, target);
  const active = found.active;
  if (active === null) {
    const calledAtMs = Date.now();
    await found.showNotification(notification.title, notification.options);
    return { outcome: 'shown', calledAtMs };
  }
  const reply = await ask(active, notifyRequest(firing.dedupKey, notification));
  if (reply === null) throw new Error('The service worker did not answer');
  if (reply.outcome === 'failed') throw new Error(reply.error ?? 'The notification could not be shown');
  return { outcome: reply.outcome, calledAtMs: reply.calledAtMs };
}
