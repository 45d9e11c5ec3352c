/**
 * A running sum with Neumaier's compensation: the rounding error of each addition is kept
 * apart and added back, so adding and later subtracting the same values returns to the exact
 * total up to one rounding, instead of drifting by one rounding per step.
 */
export class CompensatedSum {
  sum = 0;
  compensation = 0;

  get value(): number {
    return this.sum + this.compensation;
  }

  add(v: number): void {
    const t = this.sum + v;
    if (Math.abs(this.sum) >= Math.abs(v)) this.compensation += this.sum - t + v;
    else this.compensation += v - t + this.sum;
    this.sum = t;
  }

  copyFrom(other: CompensatedSum): void {
    this.sum = other.sum;
    this.compensation = other.compensation;
  }

  reset(): void {
    this.sum = 0;
    this.compensation = 0;
  }
}
