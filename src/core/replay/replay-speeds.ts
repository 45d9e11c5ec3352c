/** Replay speeds offered, × market time (its own module so the page imports no pipeline). */
export const REPLAY_SPEEDS = [1, 2, 5, 10, 30, 60, 100, 300, 1000] as const;
