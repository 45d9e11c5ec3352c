import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module: its milestone is once per page. */
const load = async () => {
  vi.resetModules();
  return import('./first-bars');
};

describe('afterFirstBars', () => {
  afterEach(() => vi.useRealTimers());

  it('waits for the first bars, then an idle moment', async () => {
    vi.useFakeTimers();
    const { afterFirstBars, barsPainted } = await load();
    let done = false;
    void afterFirstBars().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(done).toBe(false);
    barsPainted();
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toBe(true);
  });

  it('starts anyway when no bars are drawn within the wait', async () => {
    vi.useFakeTimers();
    const { afterFirstBars, FIRST_BARS_WAIT_MS } = await load();
    let done = false;
    void afterFirstBars().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(FIRST_BARS_WAIT_MS - 10);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(done).toBe(true);
  });

  it('is one milestone: later callers resolve at once after it', async () => {
    vi.useFakeTimers();
    const { afterFirstBars, barsPainted } = await load();
    barsPainted();
    const first = afterFirstBars();
    await vi.advanceTimersByTimeAsync(100);
    await first;
    let again = false;
    void afterFirstBars().then(() => (again = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(again).toBe(true);
  });
});
