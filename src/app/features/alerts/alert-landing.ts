import {
  ALERT_TARGET_PARAMS,
  alertTargetFromQuery,
  alertTargetOf,
  type AlertTarget,
} from '../../../core/alerts/channels/alert-target';
import type { OpenAlertMessage } from '../../../../workers/service-worker';

/**
 * Where notification clicks land: the service worker posts the target to an open window, or
 * opens a new one with the target in its query. Either way the target only selects what is
 * shown (it is checked field by field; it names no endpoint).
 */
export function onAlertOpen(listener: (target: AlertTarget) => void): () => void {
  if (!('serviceWorker' in navigator)) return () => undefined;
  const onMessage = (event: MessageEvent) => {
    const msg = event.data as Partial<OpenAlertMessage> | null;
    if (msg?.kind !== 'tapewatch-open-alert') return;
    const target = alertTargetOf(msg.target);
    if (target !== null) listener(target);
  };
  navigator.serviceWorker.addEventListener('message', onMessage);
  return () => navigator.serviceWorker.removeEventListener('message', onMessage);
}

/** The target a freshly opened window was given, removed from the address bar once read. */
export function takeQueryTarget(): AlertTarget | null {
  const query = new URLSearchParams(location.search);
  const target = alertTargetFromQuery(query);
  if (!ALERT_TARGET_PARAMS.some((p) => query.has(p))) return null;
  for (const p of ALERT_TARGET_PARAMS) query.delete(p);
  const rest = query.toString();
  history.replaceState(history.state, '', `${location.pathname}${rest === '' ? '' : `?${rest}`}${location.hash}`);
  return target;
}
