/// <reference lib="webworker" />
import type { AlertFiring } from '../../src/core/alerts';
import { alertNotification } from '../../src/core/alerts/channels/alert-notification';
import { firingTarget } from '../../src/core/alerts/channels/alert-target';
import { notifyRequest } from '../../src/core/alerts/channels/notify-protocol';

/**
 * This worker's line to the service worker (a dedicated worker has no `navigator.serviceWorker`):
 * the page hands over one end of a channel whose other end it gave the service worker, while
 * notifications are wanted. Firings go out here as the engine releases them, so a busy page never
 * delays a notification; the page sends its own copy too (see `notify-protocol.ts`).
 */
let port: MessagePort | null = null;

export function notifyVia(next: MessagePort | null): void {
  port?.close();
  port = next;
  // Replies are the page copy's business; this end only has to be started to send.
  port?.start();
}

export function sendNotifications(firings: readonly AlertFiring[]): void {
  if (port === null) return;
  for (const f of firings)
    if (!f.quiet) port.postMessage(notifyRequest(f.dedupKey, alertNotification(f, firingTarget(f))));
}
