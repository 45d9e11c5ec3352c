import type { ForecastBar } from '../forecaster';
import { Z80 } from '../normal';
import type { ReturnModel, ReturnPrediction } from '../return-model';
import { HORIZONS, INPUT_SIZE, OUTPUT_SIZE, QUANTILES, QuantileFeatures } from './quantile-features';
import { QuantileMlp } from './quantile-mlp';
import { reusable, type NetworkWeights } from './network-weights';

/** Training rows: the most recent ones of the training part (bounded training time). */
const MAX_ROWS = 20000;
const MEDIAN = QUANTILES.indexOf(0.5);
const Q10 = QUANTILES.indexOf(0.1);
const Q90 = QUANTILES.indexOf(0.9);

/**
 * The tapewatch model: the quantile MLP on returns and volatility features. Its median is the
 * mean forecast; its 10–90 % spread (as a Gaussian scale) shapes the uncertainty, which the
 * volatility model and the conformal recalibration of `CalibratedForecaster` then scale. It does
 * not learn online (only its features update); a fixed model keeps forecasts reproducible.
 * With `weights`, a fit first looks for a stored network it may reuse (see `reusable`), and
 * stores the network it trains.
 */
export class TapewatchModel implements ReturnModel {
  readonly name = 'tapewatch';
  private mlp: QuantileMlp | null = null;
  private readonly features = new QuantileFeatures();
  private readonly input = new Float32Array(INPUT_SIZE);
  /** How the last fit got its network, for the model panel. */
  provenance: string | null = null;
  /** Open time of the last bar the network was trained on (past the fitting history when reused). */
  fittedThroughMs: number | null = null;

  constructor(
    private readonly seed: number,
    private readonly weights: NetworkWeights | null = null,
  ) {}

  async fit(history: readonly ForecastBar[]): Promise<void> {
    const stored = this.weights === null ? null : await this.weights.stored().catch(() => null);
    if (this.weights !== null && stored !== null && reusable(stored, history)) {
      try {
        const mlp = await QuantileMlp.load(this.weights.loader());
        this.mlp?.dispose();
        this.mlp = mlp;
        this.features.reset();
        this.provenance = `stored network (${stored.bars} bars to ${isoMinute(stored.toMs)})`;
        this.fittedThroughMs = stored.toMs;
        return;
      } catch {
        // Unreadable or of another shape: trained again below.
      }
    }
    await this.train(history);
    const first = history[0];
    const last = history[history.length - 1];
    this.fittedThroughMs = last?.openTimeMs ?? null;
    if (this.weights === null || this.mlp === null || first === undefined || last === undefined) return;
    const span = { fromMs: first.openTimeMs, toMs: last.openTimeMs, bars: history.length };
    try {
      await this.mlp.save(this.weights.saver(span));
      this.provenance = `trained on ${history.length} bars, stored`;
    } catch (error) {
      this.provenance = `trained on ${history.length} bars, not stored: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  private async train(history: readonly ForecastBar[]): Promise<void> {
    this.provenance = `trained on ${history.length} bars`;
    const features = new QuantileFeatures();
    const returns: number[] = [];
    const rows: { at: number; sigma: number; input: Float32Array }[] = [];
    history.forEach((bar, i) => {
      returns.push(features.push(bar.high, bar.low, bar.close));
      if (features.ready && i + HORIZONS < history.length) {
        const input = new Float32Array(INPUT_SIZE);
        features.write(input, 0);
        rows.push({ at: i, sigma: features.sigma, input });
      }
    });
    const used = rows.slice(-MAX_ROWS);
    if (used.length < 50) throw new Error(`tapewatch: needs at least ${50 + 2 * HORIZONS} bars to train`);
    const inputs = new Float32Array(used.length * INPUT_SIZE);
    const targets = new Float32Array(used.length * OUTPUT_SIZE);
    used.forEach((row, r) => {
      inputs.set(row.input, r * INPUT_SIZE);
      let cumulative = 0;
      for (let h = 1; h <= HORIZONS; h++) {
        cumulative += returns[row.at + h] as number;
        const z = Math.max(-10, Math.min(10, cumulative / (row.sigma * Math.sqrt(h))));
        for (let q = 0; q < QUANTILES.length; q++) targets[r * OUTPUT_SIZE + (h - 1) * QUANTILES.length + q] = z;
      }
    });
    this.mlp?.dispose();
    this.mlp = await QuantileMlp.train(inputs, targets, used.length, { seed: this.seed });
    this.features.reset();
  }

  observe(bar: ForecastBar): void {
    this.features.push(bar.high, bar.low, bar.close);
  }

  predict(horizon: number): ReturnPrediction {
    if (this.mlp === null) throw new Error('tapewatch: fit before predict');
    if (!this.features.ready) {
      return {
        mean: new Array<number>(horizon).fill(0),
        unitVariance: Array.from({ length: horizon }, (_, i) => i + 1),
      };
    }
    this.features.write(this.input, 0);
    const out = this.mlp.predict(this.input);
    const sigma = this.features.sigma;
    const mean: number[] = [];
    const unitVariance: number[] = [];
    for (let h = 1; h <= horizon; h++) {
      const at = (h - 1) * QUANTILES.length;
      mean.push((out[at + MEDIAN] as number) * sigma * Math.sqrt(h));
      const spread = Math.max(((out[at + Q90] as number) - (out[at + Q10] as number)) / (2 * Z80), 0.05);
      unitVariance.push(h * spread * spread);
    }
    return { mean, unitVariance };
  }

  dispose(): void {
    this.mlp?.dispose();
    this.mlp = null;
  }
}

function isoMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
