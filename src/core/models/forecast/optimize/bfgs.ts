export interface MinimizeResult {
  readonly x: number[];
  readonly value: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface BfgsOptions {
  readonly maxIterations?: number;
  /** Stop when the largest gradient component falls below this. */
  readonly gradientTolerance?: number;
  /** Central-difference step, relative to max(1, |x_i|). */
  readonly step?: number;
}

/** Central-difference gradient: O(h²) error, deterministic, two evaluations per coordinate. */
export function numericGradient(f: (x: readonly number[]) => number, x: readonly number[], step: number): number[] {
  return x.map((xi, i) => {
    const h = step * Math.max(1, Math.abs(xi));
    const plus = [...x];
    const minus = [...x];
    plus[i] = xi + h;
    minus[i] = xi - h;
    return (f(plus) - f(minus)) / (2 * h);
  });
}

/**
 * Quasi-Newton BFGS minimisation with a numeric gradient and a backtracking (Armijo) line search.
 * Fully deterministic: the same start gives the same answer on every run and platform. Non-finite
 * objective values count as "too far" and shrink the step.
 */
export function minimizeBfgs(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: BfgsOptions = {},
): MinimizeResult {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.gradientTolerance ?? 1e-8;
  const step = options.step ?? 1e-6;
  let x = [...start];
  let value = f(x);
  if (!Number.isFinite(value)) throw new Error('objective is not finite at the start');
  let g = numericGradient(f, x, step);
  let h = identity(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (Math.max(...g.map(Math.abs)) < tolerance) return { x, value, iterations: iteration, converged: true };
    let direction = h.map((row) => -row.reduce((s, hij, j) => s + hij * (g[j] as number), 0));
    let slope = dot(direction, g);
    if (!(slope < 0)) {
      // The curvature model went bad: restart from steepest descent.
      h = identity(n);
      direction = g.map((gi) => -gi);
      slope = dot(direction, g);
    }
    let alpha = 1;
    let next = x;
    let nextValue = value;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      next = x.map((xi, i) => xi + alpha * (direction[i] as number));
      nextValue = f(next);
      if (Number.isFinite(nextValue) && nextValue <= value + 1e-4 * alpha * slope) {
        accepted = true;
        break;
      }
      alpha *= 0.5;
    }
    if (!accepted) return { x, value, iterations: iteration, converged: false };
    const nextG = numericGradient(f, next, step);
    const s = next.map((v, i) => v - (x[i] as number));
    const yv = nextG.map((v, i) => v - (g[i] as number));
    const sy = dot(s, yv);
    if (iteration === 0 && sy > 0) {
      // Scale the first inverse-Hessian guess to the observed curvature (Nocedal & Wright 6.20).
      const scale = sy / dot(yv, yv);
      h = identity(n).map((row) => row.map((v) => v * scale));
    }
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(yv, yv))) h = bfgsUpdate(h, s, yv, sy);
    const improvement = value - nextValue;
    x = next;
    value = nextValue;
    g = nextG;
    if (improvement >= 0 && improvement < 1e-15 * Math.max(1, Math.abs(value)) && alpha < 1e-6) {
      return { x, value, iterations: iteration + 1, converged: true };
    }
  }
  return { x, value, iterations: maxIterations, converged: Math.max(...g.map(Math.abs)) < tolerance * 100 };
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((s, v, i) => s + v * (b[i] as number), 0);
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/** H ← (I − ρ s y') H (I − ρ y s') + ρ s s', ρ = 1 / (y's). */
function bfgsUpdate(h: number[][], s: number[], y: number[], sy: number): number[][] {
  const rho = 1 / sy;
  const n = s.length;
  const hy = h.map((row) => dot(row, y));
  const yhy = dot(y, hy);
  return Array.from({ length: n }, (_, i) =>
    Array.from(
      { length: n },
      (_, j) =>
        (h[i]?.[j] as number) -
        rho * ((hy[i] as number) * (s[j] as number) + (s[i] as number) * (hy[j] as number)) +
        (rho * rho * yhy + rho) * (s[i] as number) * (s[j] as number),
    ),
  );
}
