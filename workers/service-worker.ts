/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { alertTargetOf, type AlertTarget } from '../src/core/alerts/channels/alert-target';
import { handleAlertMessage } from './service-worker/show-alerts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

// The app shell, worker chunks and wasm, listed by the build: the app opens offline.
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// Every navigation (a link, a notification's click) opens the cached shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// The update prompt: "Reload" asks the waiting worker to take over (registerType 'prompt').
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
  else handleAlertMessage(event);
});

/** The message an open Tapewatch window receives to show a firing (see `alert-target.ts`). */
export interface OpenAlertMessage {
  readonly kind: 'tapewatch-open-alert';
  readonly target: AlertTarget;
}

/**
 * A click on an alert notification: focus an open Tapewatch window and tell it what to show
 * (instrument, timeframe, the bar that fired), or open one on the same target. The target only
 * selects what is shown; the page never takes endpoints from it.
 */
async function openAlert(data: unknown): Promise<void> {
  const target = alertTargetOf(data);
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((c) => new URL(c.url).origin === self.location.origin);
  if (target === null) {
    if (open !== undefined) await open.focus().catch(() => undefined);
    else await self.clients.openWindow('/');
    return;
  }
  if (open !== undefined) {
    open.postMessage({ kind: 'tapewatch-open-alert', target } satisfies OpenAlertMessage);
    // Focusing needs the click's user activation; a synthetic event (a test) has none.
    await open.focus().catch(() => undefined);
    return;
  }
  await self.clients.openWindow(target.url);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const done = openAlert(event.notification.data);
  // Only the browser's own events may extend the worker's life; a dispatched one runs as is.
  if (event.isTrusted) event.waitUntil(done);
  else void done;
});
