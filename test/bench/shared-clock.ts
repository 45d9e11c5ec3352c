/**
 * This context's `performance.now()` placed on `Date.now()`'s clock, the one every context shares.
 * Each context's `performance.timeOrigin` is its own: on this project's machine a worker's, the
 * page's and the service worker's disagreed by up to ~500 ms, which made cross-context latencies
 * negative or inflated. The offset is read at the instant `Date.now()` ticks (a spin of at most
 * 1 ms, once per context), so it is exact to the microsecond rather than to Date's millisecond.
 */
function sharedOffset(): number {
  const start = Date.now();
  let now = start;
  while (now === start) now = Date.now();
  return now - performance.now();
}

const offset = sharedOffset();

/** Epoch milliseconds, sub-millisecond, comparable across the page and its workers. */
export const stamp = (): number => offset + performance.now();
