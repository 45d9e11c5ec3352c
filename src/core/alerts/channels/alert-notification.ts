import type { AlertFiring } from '../firing';
import { alertMessage } from './alert-message';
import type { AlertTarget } from './alert-target';

/** The options of `registration.showNotification` a firing uses (core has no DOM lib). */
export interface AlertNotificationOptions {
  readonly body: string;
  readonly tag: string;
  /** Alerts the user for a repeat that replaces the rule's last notification. */
  readonly renotify: true;
  readonly icon: string;
  readonly badge: string;
  readonly requireInteraction: boolean;
  readonly silent: boolean;
  /** What a click opens (see `alert-target.ts`), or just the rule. */
  readonly data: AlertTarget | { readonly ruleId: string };
}

export interface AlertNotification {
  readonly title: string;
  readonly options: AlertNotificationOptions;
}

/**
 * A firing as a notification, the same whichever context shows it (the page, or the service
 * worker on the feed worker's behalf). The tag is the rule's, so a repeat replaces rather than
 * stacks; critical stays until dismissed, info makes no sound.
 */
export function alertNotification(firing: AlertFiring, target: AlertTarget | null): AlertNotification {
  const m = alertMessage(firing);
  return {
    title: m.title,
    options: {
      body: m.body,
      tag: m.tag,
      renotify: true,
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      requireInteraction: firing.priority === 'critical',
      silent: firing.priority === 'info',
      data: target ?? { ruleId: firing.ruleId },
    },
  };
}
