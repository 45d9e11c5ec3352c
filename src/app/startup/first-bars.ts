/**
 * The start-up milestone the rest of the desk waits on: the chart's first bars on screen. Work
 * that is not needed to show them (the model worker and TF.js, panels' stored reads) starts after
 * it, in an idle moment, so it neither competes with the first paint for the network and the main
 * thread nor counts in its JavaScript budget.
 */

/** Longest wait for the first bars: a desk with nothing to draw (offline, empty store) still starts. */
export const FIRST_BARS_WAIT_MS = 8_000;
/** Longest wait for an idle moment once the bars are on screen. */
const IDLE_WAIT_MS = 2_000;

let markPainted: () => void = () => undefined;
const painted = new Promise<void>((resolve) => (markPainted = resolve));

/** Called by the chart when it has drawn bars (the first call counts; later ones do nothing). */
export function barsPainted(): void {
  markPainted();
}

type IdleScheduler = (callback: () => void, options: { timeout: number }) => unknown;

/** The next idle moment (a short timeout where the browser has no idle callbacks). */
export function idle(timeoutMs = IDLE_WAIT_MS): Promise<void> {
  const request = (globalThis as { requestIdleCallback?: IdleScheduler }).requestIdleCallback;
  return new Promise((resolve) => {
    if (request === undefined) setTimeout(resolve, 50);
    else request(() => resolve(), { timeout: timeoutMs });
  });
}

/** Resolves once the first bars are painted (or FIRST_BARS_WAIT_MS passed) and the page is idle. */
export function afterFirstBars(): Promise<void> {
  return (started ??= Promise.race([painted, new Promise<void>((r) => setTimeout(r, FIRST_BARS_WAIT_MS))]).then(() =>
    idle(),
  ));
}
let started: Promise<void> | null = null;
