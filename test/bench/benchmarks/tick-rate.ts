/** Frames per second the local socket of `tick-to-paint` sends (Node side and page side agree on it). */
export const TICK_FRAMES_PER_SEC = 2_000;
