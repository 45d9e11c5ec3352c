/**
 * Ordinary least squares by Householder QR. QR works on X itself instead of XᵀX, so it loses half
 * as many digits as the normal equations: it matters for regressions on price levels (a constant
 * next to a column near 30 000) and for ADF regressions with ~30 lag columns.
 */

/** Columns whose remaining norm falls below this share of their own norm count as collinear. */
const RANK_TOLERANCE = 1e-12;

export interface LeastSquaresFit {
  readonly params: Float64Array;
  readonly stdErrors: Float64Array;
  readonly tValues: Float64Array;
  /** Sum of squared residuals. */
  readonly ssr: number;
  readonly nobs: number;
  readonly dfResid: number;
  /** σ² estimate: ssr / dfResid. */
  readonly scale: number;
  /** Gaussian log-likelihood, with the constant as statsmodels writes it. */
  readonly llf: number;
  /** -2·llf + 2k (k regressors, constant included), as statsmodels. */
  readonly aic: number;
  readonly bic: number;
}

/** Gaussian log-likelihood of an OLS fit, in statsmodels' operation order. */
export function olsLogLikelihood(ssr: number, nobs: number): number {
  const nobs2 = nobs / 2;
  return -Math.log(ssr) * nobs2 - (1 + Math.log(Math.PI / nobs2)) * nobs2;
}

/**
 * Householder QR of an n×k design matrix given as columns. The first p columns of X have the
 * first p reflections, so fits on every column prefix come from one factorisation (the ADF lag
 * search relies on this).
 */
export class HouseholderQr {
  readonly n: number;
  readonly k: number;
  /** Column-major n×k: R above the diagonal, Householder vectors on and below it. */
  private readonly a: Float64Array;
  private readonly rDiag: Float64Array;
  /** vᵀv of each Householder vector. */
  private readonly vNorm2: Float64Array;

  constructor(columns: readonly ArrayLike<number>[]) {
    const k = columns.length;
    const n = k === 0 ? 0 : (columns[0] as ArrayLike<number>).length;
    if (k === 0 || n < k) throw new RangeError(`least squares needs at least as many rows as columns (${n}×${k})`);
    this.n = n;
    this.k = k;
    const a = new Float64Array(n * k);
    const columnNorm = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      const col = columns[j] as ArrayLike<number>;
      if (col.length !== n) throw new RangeError('least squares columns differ in length');
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const v = col[i] as number;
        a[j * n + i] = v;
        sum += v * v;
      }
      columnNorm[j] = Math.sqrt(sum);
    }
    this.a = a;
    this.rDiag = new Float64Array(k);
    this.vNorm2 = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      const off = j * n;
      let norm2 = 0;
      for (let i = j; i < n; i++) norm2 += (a[off + i] as number) ** 2;
      const norm = Math.sqrt(norm2);
      if (!(norm > RANK_TOLERANCE * (columnNorm[j] as number))) {
        throw new RangeError(`least squares design is rank deficient (column ${j} is collinear with earlier ones)`);
      }
      const ajj = a[off + j] as number;
      // Reflect onto -sign(ajj)·‖x‖ so v₀ = ajj - alpha never cancels.
      const alpha = ajj > 0 ? -norm : norm;
      a[off + j] = ajj - alpha;
      const vtv = 2 * norm * (norm + Math.abs(ajj));
      this.rDiag[j] = alpha;
      this.vNorm2[j] = vtv;
      for (let c = j + 1; c < k; c++) {
        const cOff = c * n;
        let dot = 0;
        for (let i = j; i < n; i++) dot += (a[off + i] as number) * (a[cOff + i] as number);
        const s = (2 * dot) / vtv;
        for (let i = j; i < n; i++) a[cOff + i] = (a[cOff + i] as number) - s * (a[off + i] as number);
      }
    }
  }

  /** Qᵀy: its first k entries are Rβ, the sum of squares of the rest is the residual sum. */
  qtApply(y: ArrayLike<number>): Float64Array {
    const { n, k, a } = this;
    if (y.length !== n) throw new RangeError('least squares: y length differs from the design');
    const z = Float64Array.from(y);
    for (let j = 0; j < k; j++) {
      const off = j * n;
      let dot = 0;
      for (let i = j; i < n; i++) dot += (a[off + i] as number) * (z[i] as number);
      const s = (2 * dot) / (this.vNorm2[j] as number);
      for (let i = j; i < n; i++) z[i] = (z[i] as number) - s * (a[off + i] as number);
    }
    return z;
  }

  /** R[i][j] for i <= j. */
  private r(i: number, j: number): number {
    return i === j ? (this.rDiag[j] as number) : (this.a[j * this.n + i] as number);
  }

  /** Residual sum of squares of the fit on the first p columns, for every p in [1, k]: out[p]. */
  prefixSsr(z: Float64Array): Float64Array {
    const out = new Float64Array(this.k + 1);
    let tail = 0;
    for (let i = this.k; i < this.n; i++) tail += (z[i] as number) ** 2;
    out[this.k] = tail;
    for (let p = this.k - 1; p >= 1; p--) out[p] = (out[p + 1] as number) + (z[p] as number) ** 2;
    return out;
  }

  /** t-value of the last coefficient of the fit on the first p columns, in O(1). */
  lastTValue(z: Float64Array, p: number, ssr: number): number {
    const scale = ssr / (this.n - p);
    return ((z[p - 1] as number) * Math.sign(this.rDiag[p - 1] as number)) / Math.sqrt(scale);
  }

  /** Full fit on the first p columns (default all). */
  fit(z: Float64Array, p = this.k): LeastSquaresFit {
    const { n } = this;
    const params = new Float64Array(p);
    for (let i = p - 1; i >= 0; i--) {
      let s = z[i] as number;
      for (let j = i + 1; j < p; j++) s -= this.r(i, j) * (params[j] as number);
      params[i] = s / this.r(i, i);
    }
    let ssr = 0;
    for (let i = p; i < n; i++) ssr += (z[i] as number) ** 2;
    const dfResid = n - p;
    const scale = ssr / dfResid;
    // diag((RᵀR)⁻¹) = squared row norms of R⁻¹; R⁻¹ is built column by column.
    const inv = new Float64Array(p * p); // row-major, upper triangular
    for (let c = 0; c < p; c++) {
      for (let i = c; i >= 0; i--) {
        let s = i === c ? 1 : 0;
        for (let j = i + 1; j <= c; j++) s -= this.r(i, j) * (inv[j * p + c] as number);
        inv[i * p + c] = s / this.r(i, i);
      }
    }
    const stdErrors = new Float64Array(p);
    const tValues = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let d = 0;
      for (let c = i; c < p; c++) d += (inv[i * p + c] as number) ** 2;
      stdErrors[i] = Math.sqrt(d * scale);
      tValues[i] = (params[i] as number) / (stdErrors[i] as number);
    }
    const llf = olsLogLikelihood(ssr, n);
    return {
      params,
      stdErrors,
      tValues,
      ssr,
      nobs: n,
      dfResid,
      scale,
      llf,
      aic: -2 * llf + 2 * p,
      bic: -2 * llf + Math.log(n) * p,
    };
  }
}

/** OLS of y on the given columns (include a column of ones for an intercept). */
export function leastSquares(columns: readonly ArrayLike<number>[], y: ArrayLike<number>): LeastSquaresFit {
  const qr = new HouseholderQr(columns);
  return qr.fit(qr.qtApply(y));
}
