import { erfc } from '../../stats/normal-cdf';

/**
 * Turns a reconstruction error into a score in [0, 1]: a log-normal fitted to the training
 * windows' errors gives z = (ln e − μ) / σ, and the score is Φ(z − 3), so an error 3 σ above the
 * usual (in log terms) scores 0.5, 4 σ about 0.84 and 5 σ about 0.98 — the same "0.5 is a hit"
 * scale as the statistical parts.
 */
export interface ErrorCalibration {
  readonly logMean: number;
  readonly logStd: number;
}

const FLOOR = 1e-12;

export function fitCalibration(errors: ArrayLike<number>): ErrorCalibration {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < errors.length; i++) {
    const x = Math.log(Math.max(FLOOR, errors[i] as number));
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  const std = n > 1 ? Math.sqrt(m2 / (n - 1)) : 1;
  return { logMean: mean, logStd: std > 1e-9 ? std : 1 };
}

export function errorZ(error: number, c: ErrorCalibration): number {
  return (Math.log(Math.max(FLOOR, error)) - c.logMean) / c.logStd;
}

export function errorScore(error: number, c: ErrorCalibration): number {
  const z = errorZ(error, c) - 3;
  return 0.5 * erfc(-z / Math.SQRT2);
}
