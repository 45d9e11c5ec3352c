/** What the learned part of the on-screen series is doing. */
export type LearnedState = 'idle' | 'loading' | 'waiting' | 'training' | 'ready' | 'off';

export interface LearnedStatus {
  readonly state: LearnedState;
  /** Why it waits or is off (shown as is). */
  readonly reason: string | null;
  /** Training progress 0..1 while training. */
  readonly progress: number | null;
  readonly epoch: number | null;
  readonly epochs: number | null;
  readonly loss: number | null;
  readonly trainedAtMs: number | null;
  /** Bars the model was trained on, and their time span. */
  readonly bars: number | null;
  readonly fromMs: number | null;
  readonly toMs: number | null;
  /** Average inference time per bar, ms. */
  readonly inferenceMs: number | null;
  /** Mean error z of recent bars (drift; retrains past ±1). */
  readonly drift: number | null;
  /** Why the last training run started (first, scheduled, drift). */
  readonly trigger: string | null;
}

/** The model worker's state, for the status panel. */
export interface ModelStatus {
  /** Version of the scores (keyed with each stored row). */
  readonly version: string;
  /** TF.js backend in use ('wasm', 'cpu'), null before TF.js is loaded. */
  readonly backend: string | null;
  /** Why the backend is not wasm (a timeout, an error), or why TF.js is unavailable. */
  readonly backendNote: string | null;
  /** The on-screen series (`venue|symbol|timeframe`). */
  readonly series: string | null;
  /** Series scored (chart and watch list). */
  readonly seriesCount: number;
  readonly scoredBars: number;
  /** Average statistical scoring time per bar, ms. */
  readonly statisticalMs: number | null;
  readonly learned: LearnedStatus;
}

export const IDLE_LEARNED: LearnedStatus = {
  state: 'idle',
  reason: null,
  progress: null,
  epoch: null,
  epochs: null,
  loss: null,
  trainedAtMs: null,
  bars: null,
  fromMs: null,
  toMs: null,
  inferenceMs: null,
  drift: null,
  trigger: null,
};
