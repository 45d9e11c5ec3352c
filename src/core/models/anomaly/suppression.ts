/**
 * Suppression after a hit, as the leading NAB entries do: once a score reaches `hitLevel`, the
 * next `holdFor` scores are capped just below it, so one event reads as one detection and not as a
 * burst of them. The cap keeps the shape of the score (a pane still shows it) while no later
 * observation of the same event can cross the hit level again.
 */
export class Suppression {
  private remaining = 0;

  constructor(
    readonly hitLevel: number,
    readonly holdFor: number,
    /** When true, a hit-level score during the hold restarts it: the event is still going on. */
    readonly extend = false,
  ) {}

  /** The score after suppression, without changing state. */
  read(score: number): number {
    return this.remaining > 0 ? Math.min(score, this.hitLevel * 0.9) : score;
  }

  /** Takes in the suppressed score `read` returned and the score before suppression. */
  learn(suppressed: number, unsuppressed = suppressed): void {
    if (this.remaining > 0)
      this.remaining = this.extend && unsuppressed >= this.hitLevel ? this.holdFor : this.remaining - 1;
    else if (suppressed >= this.hitLevel) this.remaining = this.holdFor;
  }

  get holding(): boolean {
    return this.remaining > 0;
  }

  snapshot(): unknown {
    return { remaining: this.remaining };
  }

  restore(state: unknown): void {
    this.remaining = (state as { remaining: number }).remaining;
  }
}
