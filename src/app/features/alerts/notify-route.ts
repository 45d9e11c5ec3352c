import { NOTIFY_PORT_MESSAGE } from '../../../core/alerts/channels/notify-protocol';

/** Hands the feed worker its end of a channel (or null: notifications are not wanted). */
export type NotifyHandOver = (port: MessagePort | null) => Promise<void>;

/**
 * Connects the feed worker straight to the service worker, so a firing's notification does not
 * wait for this page's main thread: a channel, one end posted to the active service worker, the
 * other transferred to the feed worker. Resolves with whether the line is up. A service worker
 * the browser stopped loses its end; the page's own copy of the next firing says so (it is shown,
 * not `duplicate`) and the caller connects again.
 */
export async function connectNotifyRoute(wanted: boolean, handOver: NotifyHandOver): Promise<boolean> {
  const active =
    wanted && 'serviceWorker' in navigator ? (await navigator.serviceWorker.getRegistration())?.active : null;
  if (active === null || active === undefined) {
    await handOver(null);
    return false;
  }
  const channel = new MessageChannel();
  active.postMessage({ kind: NOTIFY_PORT_MESSAGE }, [channel.port2]);
  await handOver(channel.port1);
  return true;
}
