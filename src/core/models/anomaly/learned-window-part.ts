import type { LearnedPart } from './learned-part';
import { QUIET, type DetectorPart, type PartReading } from './part';
import { RingBuffer } from './ring-buffer';

/**
 * The learned part as an ensemble part of one series: the last `size` values, scaled by the
 * running range to [0, 1] (causal: only what was seen so far), are the learned model's input; the
 * surprise is its reconstruction error (RMSE, also in [0, 1]). Calibration happens in the
 * ensemble's likelihood, like every other part.
 */
export class LearnedWindowPart implements DetectorPart {
  readonly name: string;
  private values: RingBuffer;
  private min = Infinity;
  private max = -Infinity;
  private readonly input: Float64Array;

  constructor(readonly model: LearnedPart) {
    this.name = model.name;
    this.values = new RingBuffer(model.inputSize);
    this.input = new Float64Array(model.inputSize);
  }

  read(x: number): PartReading {
    const input = this.inputWith(x);
    if (input === null) return QUIET;
    const error = this.model.error(input);
    if (!Number.isFinite(error)) return QUIET;
    return {
      surprise: Math.min(1, error),
      detail: `reconstruction error ${error.toFixed(3)} of the last ${this.model.inputSize} points`,
    };
  }

  learn(x: number): void {
    const input = this.inputWith(x);
    if (input !== null) this.model.learn(input);
    this.values.push(x);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  private inputWith(x: number): Float64Array | null {
    const n = this.model.inputSize;
    if (this.values.length < n - 1) return null;
    const lo = Math.min(this.min, x);
    const hi = Math.max(this.max, x);
    if (!(hi > lo)) return null;
    const start = this.values.length - (n - 1);
    for (let i = 0; i < n - 1; i++) this.input[i] = (this.values.get(start + i) - lo) / (hi - lo);
    this.input[n - 1] = (x - lo) / (hi - lo);
    return this.input;
  }

  snapshot(): unknown {
    return { values: this.values.toArray(), min: this.min, max: this.max, model: this.model.snapshot() };
  }

  restore(state: unknown): void {
    const s = state as { values: number[]; min: number | null; max: number | null; model: unknown };
    this.values = RingBuffer.fromArray(this.model.inputSize, s.values);
    this.min = s.min ?? Infinity;
    this.max = s.max ?? -Infinity;
    this.model.restore(s.model);
  }
}
