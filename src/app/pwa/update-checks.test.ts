import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkForUpdates, UPDATE_CHECK_EVERY_MS } from './update-checks';

/** Just what the checks use of a registration: `update()` and whether one is installing. */
function fakeRegistration() {
  const registration = { installing: null as unknown, updates: 0, update: async () => void registration.updates++ };
  return registration;
}

describe('service worker update checks', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('re-checks hourly and whenever the tab becomes visible, until stopped', () => {
    vi.useFakeTimers();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    vi.stubGlobal('document', doc);
    const registration = fakeRegistration();
    const stop = checkForUpdates(registration as unknown as ServiceWorkerRegistration);
    expect(registration.updates).toBe(0);
    vi.advanceTimersByTime(UPDATE_CHECK_EVERY_MS);
    expect(registration.updates).toBe(1);
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(registration.updates).toBe(1);
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(registration.updates).toBe(2);
    // A worker already installing is not asked again.
    registration.installing = {};
    vi.advanceTimersByTime(UPDATE_CHECK_EVERY_MS);
    expect(registration.updates).toBe(2);
    registration.installing = null;
    stop();
    vi.advanceTimersByTime(3 * UPDATE_CHECK_EVERY_MS);
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(registration.updates).toBe(2);
  });
});
