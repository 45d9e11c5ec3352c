import type { ArimaOrder } from './arima-order';
import { arimaStateSpace, type ArimaCoefficients, type StateSpace } from './arima-state-space';

/**
 * The Kalman recursion of `kalmanFilter`, one observation at a time, so a fitted ARIMA keeps
 * filtering new bars in O(m²) each (m ≤ d + max(p, q + 1)) and forecasts from its current state.
 */
export class OnlineArimaFilter {
  private readonly model: StateSpace;
  private a: Float64Array;
  private p: Float64Array;

  constructor(order: ArimaOrder, coefficients: ArimaCoefficients) {
    this.model = arimaStateSpace(order, coefficients);
    this.a = new Float64Array(this.model.m);
    this.p = Float64Array.from(this.model.initialCov);
  }

  step(y: number): void {
    const { m, design: z } = this.model;
    const pz = new Float64Array(m);
    let predicted = this.model.intercept;
    let f = 0;
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += (this.p[i * m + j] as number) * (z[j] as number);
      pz[i] = s;
      predicted += (z[i] as number) * (this.a[i] as number);
    }
    for (let i = 0; i < m; i++) f += (z[i] as number) * (pz[i] as number);
    const v = y - predicted;
    const updatedA = new Float64Array(m);
    const updatedP = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      updatedA[i] = (this.a[i] as number) + ((pz[i] as number) * v) / f;
      for (let j = 0; j < m; j++)
        updatedP[i * m + j] = (this.p[i * m + j] as number) - ((pz[i] as number) * (pz[j] as number)) / f;
    }
    [this.a, this.p] = this.predictState(updatedA, updatedP);
  }

  /** Means and variances of the next `steps` observations (no further updates), as statsmodels. */
  forecast(steps: number): { means: number[]; variances: number[] } {
    const { m, design: z } = this.model;
    let a = this.a;
    let p = this.p;
    const means: number[] = [];
    const variances: number[] = [];
    for (let h = 0; h < steps; h++) {
      let mean = this.model.intercept;
      let variance = 0;
      for (let i = 0; i < m; i++) {
        mean += (z[i] as number) * (a[i] as number);
        for (let j = 0; j < m; j++) variance += (z[i] as number) * (p[i * m + j] as number) * (z[j] as number);
      }
      means.push(mean);
      variances.push(variance);
      [a, p] = this.predictState(a, p);
    }
    return { means, variances };
  }

  /** a ← T a, P ← T P T' + R R' σ². */
  private predictState(a: Float64Array, p: Float64Array): [Float64Array, Float64Array] {
    const { m, transition: t, stateCov: q } = this.model;
    const nextA = new Float64Array(m);
    const tp = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < m; k++) {
        const tik = t[i * m + k] as number;
        if (tik === 0) continue;
        nextA[i] = (nextA[i] as number) + tik * (a[k] as number);
        for (let j = 0; j < m; j++) tp[i * m + j] = (tp[i * m + j] as number) + tik * (p[k * m + j] as number);
      }
    }
    const nextP = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let s = q[i * m + j] as number;
        for (let k = 0; k < m; k++) s += (tp[i * m + k] as number) * (t[j * m + k] as number);
        nextP[i * m + j] = s;
      }
    }
    return [nextA, nextP];
  }
}
