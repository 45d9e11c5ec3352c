/** A tab can stay open for days; a deploy in the meantime should still be offered. */
export const UPDATE_CHECK_EVERY_MS = 3_600_000;

/**
 * Asks the browser to re-fetch the service worker hourly and whenever the tab becomes visible
 * again; a changed worker installs, waits, and the update prompt offers the reload. Offline
 * checks fail quietly. Returns a function that stops the checks.
 */
export function checkForUpdates(registration: ServiceWorkerRegistration, everyMs = UPDATE_CHECK_EVERY_MS): () => void {
  const check = () => {
    if (registration.installing !== null) return;
    registration.update().catch(() => undefined);
  };
  const timer = setInterval(check, everyMs);
  const onVisible = () => {
    if (document.visibilityState === 'visible') check();
  };
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
