/// <reference lib="webworker" />
import { handleAlertMessage } from '../../workers/service-worker/show-alerts';

// The bench page's service worker: the app's alert notification handler, nothing else.
declare const self: ServiceWorkerGlobalScope;

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => void handleAlertMessage(event));
