import type { Stage } from '../indicators/stage';

/** ln(x / previous x): the one-bar log return; null for the first input. Inputs must be positive. */
export class LogReturn implements Stage {
  private previous: number | null = null;

  update(x: number, commit: boolean): number | null {
    const previous = this.previous;
    if (commit) this.previous = x;
    return previous === null ? null : Math.log(x / previous);
  }
}
