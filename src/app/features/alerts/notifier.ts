import type { AlertFiring } from '../../../core/alerts';
import { alertMessage } from '../../../core/alerts/channels/alert-message';
import type { AlertTarget } from '../../../core/alerts/channels/alert-target';

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

/**
 * Shows a firing through the service worker (a page's `new Notification` has no click handler
 * once the page is gone). The tag is the rule's, so a repeat replaces its last notification;
 * `renotify` still alerts the user for the repeat. Resolves with whether it was shown.
 */
export async function showFiring(firing: AlertFiring, target: AlertTarget | null): Promise<boolean> {
  if (notificationPermission() !== 'granted') return false;
  // Looked up once: asking the browser for it per firing costs a round trip to its process.
  registration ??= navigator.serviceWorker.getRegistration();
  const found = await registration;
  if (found === undefined) {
    registration = null;
    return false;
  }
  const m = alertMessage(firing);
  const options: NotificationOptions & { renotify?: boolean } = {
    body: m.body,
    tag: m.tag,
    renotify: true,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    requireInteraction: firing.priority === 'critical',
    silent: firing.priority === 'info',
    data: target ?? { ruleId: firing.ruleId },
  };
  await found.showNotification(m.title, options);
  return true;
}
