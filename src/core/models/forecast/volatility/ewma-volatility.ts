import { meanSquare, type VolatilityModel } from './volatility-model';

/** Candidate decays: RiskMetrics' 0.94 and slower ones, which suit noisy minute bars better. */
const DECAYS = [0.9, 0.94, 0.97, 0.985, 0.99, 0.995];

/**
 * EWMA variance σ²ₜ₊₁ = λ σ²ₜ + (1 − λ) r²ₜ (RiskMetrics), the decay λ chosen on the training
 * part by the Gaussian quasi-likelihood (QLIKE) of one-bar-ahead forecasts. Flat term structure.
 */
export class EwmaVolatility implements VolatilityModel {
  readonly name = 'ewma';
  private decay = 0.97;
  private variance = 1e-8;

  constructor(private readonly fixedDecay?: number) {}

  fit(returns: readonly number[]): void {
    const start = meanSquare(returns.slice(0, Math.min(returns.length, 100)));
    let best = { decay: this.fixedDecay ?? 0.97, loss: Number.POSITIVE_INFINITY };
    for (const decay of this.fixedDecay === undefined ? DECAYS : [this.fixedDecay]) {
      let v = start;
      let loss = 0;
      for (const r of returns) {
        loss += Math.log(v) + (r * r) / v;
        v = decay * v + (1 - decay) * r * r;
      }
      if (loss < best.loss) best = { decay, loss };
    }
    this.decay = best.decay;
    // The state restarts at the series' start: the caller replays the returns through observe.
    this.variance = start;
  }

  observe(logReturn: number): void {
    this.variance = Math.max(this.decay * this.variance + (1 - this.decay) * logReturn * logReturn, 1e-16);
  }

  variances(horizon: number): number[] {
    return new Array<number>(horizon).fill(this.variance);
  }

  /** The chosen decay (reported in summaries). */
  get lambda(): number {
    return this.decay;
  }
}
