/// <reference lib="webworker" />
import {
  NOTIFY_PORT_MESSAGE,
  readNotifyRequest,
  ShownKeys,
  type NotifyReply,
  type NotifyRequest,
} from '../../src/core/alerts/channels/notify-protocol';

declare const self: ServiceWorkerGlobalScope;

const shown = new ShownKeys();

/**
 * Whether the notification just shown is listed. Chromium 150 sometimes resolves
 * `showNotification` called from a port message (outside any event) without keeping the
 * notification; then the firing's other sender shows it (see `ShownKeys.once`).
 */
async function listed(request: NotifyRequest): Promise<boolean> {
  const now = await self.registration.getNotifications({ tag: request.options.tag });
  return now.some((n) => n.title === request.title && n.body === request.options.body);
}

/** Shows one request (the first of its two senders), answering on `reply`. */
async function show(data: unknown, reply: MessagePort | null): Promise<void> {
  const request = readNotifyRequest(data);
  if (request === null) return;
  const answer = (r: Omit<NotifyReply, 'kind' | 'key'>) =>
    reply?.postMessage({ kind: 'tapewatch-notified', key: request.key, ...r } satisfies NotifyReply);
  let calledAtMs = 0;
  try {
    const outcome = await shown.once(request.key, async () => {
      calledAtMs = Date.now();
      await self.registration.showNotification(request.title, request.options as NotificationOptions);
      return listed(request);
    });
    answer({ outcome, calledAtMs });
  } catch (error) {
    answer({ outcome: 'failed', error: error instanceof Error ? error.message : String(error), calledAtMs });
  }
}

/**
 * Alert notifications, from the page (a message with a reply port: it also wakes this worker if
 * the browser stopped it) and from the feed worker (over the port the page handed over with
 * `NOTIFY_PORT_MESSAGE`, answered on the same port). Returns whether the event was one of these.
 */
export function handleAlertMessage(event: ExtendableMessageEvent): boolean {
  const kind = (event.data as { kind?: unknown } | null)?.kind;
  const port = event.ports[0] ?? null;
  if (kind === NOTIFY_PORT_MESSAGE && port !== null) {
    // A port does not keep this worker alive: when the browser stops it, the page's copy of each
    // firing (which wakes it) is shown instead.
    port.onmessage = (e: MessageEvent<unknown>) => void show(e.data, port);
    return true;
  }
  if (kind !== 'tapewatch-notify') return false;
  event.waitUntil(show(event.data, port));
  return true;
}
