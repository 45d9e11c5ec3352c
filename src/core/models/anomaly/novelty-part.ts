import { FuzzyArt } from './fuzzy-art';
import { haar } from './haar';
import { QUIET, type DetectorPart, type PartReading } from './part';
import { RingBuffer } from './ring-buffer';

export interface NoveltyOptions {
  /** Points per window (a power of two). */
  readonly window: number;
  /** Raw observations averaged into one window point, so a window spans window × step rows. */
  readonly step: number;
  /** Fuzzy ART vigilance: how closely a window must match a category to belong to it. */
  readonly vigilance: number;
  readonly maxCategories: number;
}

export const DEFAULT_NOVELTY: NoveltyOptions = { window: 8, step: 4, vigilance: 0.9, maxCategories: 256 };

/**
 * Novelty of the recent shape, after ARTime's approach: the last window of (block-averaged) values
 * becomes features — its Haar wavelet coefficients (the shape, scale-free) and its points against
 * the running range (the level) — and a Fuzzy ART category learner says how unlike every window
 * seen before it is. Repeating patterns (daily cycles, square waves) become categories and stop
 * surprising; a window of a new shape or level does not match any.
 */
export class NoveltyPart implements DetectorPart {
  readonly name = 'novelty';
  private raw: RingBuffer;
  private min = Infinity;
  private max = -Infinity;
  private readonly art: FuzzyArt;
  private readonly points: Float64Array;
  private readonly features: Float64Array;

  constructor(readonly options: NoveltyOptions = DEFAULT_NOVELTY) {
    const { window, step } = options;
    this.raw = new RingBuffer(window * step);
    this.art = new FuzzyArt(2 * window, options.vigilance, options.maxCategories);
    this.points = new Float64Array(window);
    this.features = new Float64Array(2 * window);
  }

  read(x: number): PartReading {
    const f = this.featuresWith(x);
    if (f === null || this.art.categories === 0) return QUIET;
    const { match, index } = this.art.bestMatch(f);
    const surprise = Math.max(0, Math.min(1, 1 - match));
    const span = this.options.window * this.options.step;
    return {
      surprise,
      detail:
        index < 0 ? `last ${span} points unlike any pattern seen (match ${match.toFixed(2)})` : `last ${span} points`,
    };
  }

  learn(x: number): void {
    const f = this.featuresWith(x);
    if (f !== null) this.art.learn(f);
    this.raw.push(x);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Features of the window that ends with `x`; null until a whole window is in. */
  private featuresWith(x: number): Float64Array | null {
    const { window, step } = this.options;
    const need = window * step;
    if (this.raw.length < need - 1 || !(this.max > this.min)) return null;
    const start = this.raw.length - (need - 1);
    for (let p = 0; p < window; p++) {
      let sum = 0;
      for (let k = 0; k < step; k++) {
        const i = p * step + k;
        sum += i === need - 1 ? x : this.raw.get(start + i);
      }
      this.points[p] = sum / step;
    }
    const lo = Math.min(this.min, x);
    const hi = Math.max(this.max, x);
    let wMin = Infinity;
    let wMax = -Infinity;
    for (const v of this.points) {
      if (v < wMin) wMin = v;
      if (v > wMax) wMax = v;
    }
    const shape = new Float64Array(window);
    for (let p = 0; p < window; p++) {
      shape[p] = wMax > wMin ? ((this.points[p] as number) - wMin) / (wMax - wMin) : 0;
      this.features[window + p] = ((this.points[p] as number) - lo) / (hi - lo);
    }
    const coef = haar(shape);
    let cMin = Infinity;
    let cMax = -Infinity;
    for (const c of coef) {
      if (c < cMin) cMin = c;
      if (c > cMax) cMax = c;
    }
    for (let p = 0; p < window; p++) this.features[p] = cMax > cMin ? ((coef[p] as number) - cMin) / (cMax - cMin) : 0;
    return this.features;
  }

  snapshot(): unknown {
    return { raw: this.raw.toArray(), min: this.min, max: this.max, art: this.art.snapshot() };
  }

  restore(state: unknown): void {
    const s = state as { raw: number[]; min: number | null; max: number | null; art: unknown };
    this.raw = RingBuffer.fromArray(this.options.window * this.options.step, s.raw);
    this.min = s.min ?? Infinity;
    this.max = s.max ?? -Infinity;
    this.art.restore(s.art);
  }
}
