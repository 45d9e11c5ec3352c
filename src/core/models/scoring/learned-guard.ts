/** A learned model's answer for one window: its error, that error's z and its score in [0, 1]. */
export interface LearnedReading {
  readonly error: number;
  readonly z: number;
  readonly score: number;
}

/** The learned part as the scorers see it (the autoencoder, or any later model). */
export interface LearnedScorer {
  readonly name: string;
  score(window: Float64Array): LearnedReading;
  dispose(): void;
}

export interface GuardOptions {
  /** Longest one inference may take on average (EWMA) before the model is switched off, ms. */
  readonly budgetMs: number;
  /** Inferences before the budget is enforced (the first ones warm the backend up). */
  readonly graceCalls: number;
  readonly now: () => number;
}

/**
 * Runs a learned scorer under watch: an answer that is NaN or infinite, a throw, or an average
 * inference time over budget switches it off for good with the reason; the statistical parts
 * keep scoring. Null answers mean "not available" (off, or no model yet).
 */
export class LearnedGuard {
  private scorer: LearnedScorer | null = null;
  private calls = 0;
  /** EWMA of inference time, ms. */
  inferenceMs: number | null = null;
  disabledReason: string | null = null;

  constructor(private readonly options: GuardOptions) {}

  get active(): boolean {
    return this.scorer !== null && this.disabledReason === null;
  }

  /** Installs a (newly trained or loaded) model; the previous one is disposed. */
  use(scorer: LearnedScorer): void {
    this.scorer?.dispose();
    this.scorer = scorer;
    this.calls = 0;
    this.inferenceMs = null;
    this.disabledReason = null;
  }

  disable(reason: string): void {
    this.disabledReason ??= reason;
    this.scorer?.dispose();
    this.scorer = null;
  }

  read(window: Float64Array | null): LearnedReading | null {
    const scorer = this.scorer;
    if (scorer === null || this.disabledReason !== null || window === null) return null;
    const t0 = this.options.now();
    let reading: LearnedReading;
    try {
      reading = scorer.score(window);
    } catch (error) {
      this.disable(`${scorer.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
    const ms = this.options.now() - t0;
    this.inferenceMs = this.inferenceMs === null ? ms : this.inferenceMs * 0.9 + ms * 0.1;
    this.calls++;
    if (!Number.isFinite(reading.score) || !Number.isFinite(reading.error)) {
      this.disable(`${scorer.name} returned ${String(reading.error)}`);
      return null;
    }
    if (this.calls > this.options.graceCalls && this.inferenceMs > this.options.budgetMs) {
      this.disable(
        `${scorer.name} exceeded its time budget (${this.inferenceMs.toFixed(1)} ms > ${this.options.budgetMs} ms a bar)`,
      );
    }
    return reading;
  }

  dispose(): void {
    this.scorer?.dispose();
    this.scorer = null;
  }
}
