/**
 * Fuzzy ART (Carpenter, Grossberg & Rosen 1991): an online category learner over inputs in [0, 1],
 * complement-coded so that a category is a hyper-box. An input resonates with the best-chosen
 * category whose match |I ∧ w| / |I| reaches the vigilance ρ and refines it; when none does, it
 * founds a new category. Novelty is how far the input is from every category learnt so far.
 */
export class FuzzyArt {
  private weights: Float64Array[] = [];
  private uses: number[] = [];

  constructor(
    readonly dim: number,
    readonly vigilance: number,
    readonly maxCategories: number,
    /** Choice parameter α (small: prefer the tightest box). */
    readonly choice = 0.001,
    /** Learning rate β (1: fast learning, the box grows to cover the input at once). */
    readonly rate = 1,
  ) {}

  get categories(): number {
    return this.weights.length;
  }

  /**
   * The resonant category for `input` (values in [0, 1], not complement-coded) and its match, or
   * index −1 and the best match of any category (0 when there are none) when nothing resonates.
   */
  bestMatch(input: Float64Array): { match: number; index: number } {
    const norm = this.dim; // |I| of a complement-coded input is always dim.
    let bestMatch = 0;
    let resonantMatch = 0;
    let resonantChoice = -1;
    let resonantIndex = -1;
    for (let j = 0; j < this.weights.length; j++) {
      const w = this.weights[j] as Float64Array;
      let and = 0;
      let size = 0;
      for (let k = 0; k < this.dim; k++) {
        const x = input[k] as number;
        const lo = w[k] as number;
        const hi = w[this.dim + k] as number;
        and += Math.min(x, lo) + Math.min(1 - x, hi);
        size += lo + hi;
      }
      const match = and / norm;
      const choice = and / (this.choice + size);
      if (match > bestMatch) bestMatch = match;
      if (match >= this.vigilance && choice > resonantChoice) {
        resonantChoice = choice;
        resonantIndex = j;
        resonantMatch = match;
      }
    }
    return resonantIndex >= 0 ? { match: resonantMatch, index: resonantIndex } : { match: bestMatch, index: -1 };
  }

  /** Learns `input`; returns true when it founded a new category. */
  learn(input: Float64Array): boolean {
    const { index } = this.bestMatch(input);
    if (index >= 0) {
      const w = this.weights[index] as Float64Array;
      for (let k = 0; k < this.dim; k++) {
        const x = input[k] as number;
        w[k] = this.rate * Math.min(x, w[k] as number) + (1 - this.rate) * (w[k] as number);
        w[this.dim + k] =
          this.rate * Math.min(1 - x, w[this.dim + k] as number) + (1 - this.rate) * (w[this.dim + k] as number);
      }
      this.uses[index] = (this.uses[index] as number) + 1;
      return false;
    }
    const fresh = new Float64Array(2 * this.dim);
    for (let k = 0; k < this.dim; k++) {
      fresh[k] = input[k] as number;
      fresh[this.dim + k] = 1 - (input[k] as number);
    }
    if (this.weights.length < this.maxCategories) {
      this.weights.push(fresh);
      this.uses.push(1);
    } else {
      // Bounded memory: the least-used category makes room.
      let least = 0;
      for (let j = 1; j < this.uses.length; j++) if ((this.uses[j] as number) < (this.uses[least] as number)) least = j;
      this.weights[least] = fresh;
      this.uses[least] = 1;
    }
    return true;
  }

  snapshot(): unknown {
    return { weights: this.weights.map((w) => Array.from(w)), uses: [...this.uses] };
  }

  restore(state: unknown): void {
    const s = state as { weights: number[][]; uses: number[] };
    this.weights = s.weights.map((w) => Float64Array.from(w));
    this.uses = [...s.uses];
  }
}
