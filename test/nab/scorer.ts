/**
 * The Numenta Anomaly Benchmark's scoring, ported from NAB's own sources (numenta/NAB at ea702d75:
 * nab/sweeper.py, nab/runner.py, nab/util.py). Every quirk is kept, because the point is to give
 * the numbers NAB gives: the in-window position counts from one past the window's right edge, a
 * true positive's reward is divided by the sigmoid's value at the window's left edge, and a false
 * positive is weighed by how far it lies after the preceding window (in that window's widths).
 */

export interface CostMatrix {
  readonly tpWeight: number;
  readonly fpWeight: number;
  readonly fnWeight: number;
}

/** One labelled anomaly window: first and last timestamps (ms), both inside the window. */
export interface Window {
  readonly startMs: number;
  readonly endMs: number;
}

export interface ScoredFile {
  readonly name: string;
  readonly timestampsMs: readonly number[];
  readonly scores: readonly number[];
  readonly windows: readonly Window[];
}

/** A row as the threshold sweep sees it: its score, its weight if detected, and its window (or none). */
export interface SweepPoint {
  readonly anomalyScore: number;
  readonly sweepScore: number;
  /** `file|windowStart` inside a window, null outside, 'probationary' in the probation period. */
  readonly windowName: string | null;
}

export interface ThresholdScore {
  readonly threshold: number;
  readonly score: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export const PROBATION_PERCENT = 0.15;

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** NAB's scaled sigmoid: ≈ +0.987 at a window's left edge, 0 at its right edge, −1 from 3 widths after. */
export function scaledSigmoid(relativePosition: number): number {
  if (relativePosition >= 3.0) return -1.0;
  return 2 * sigmoid(-5 * relativePosition) - 1.0;
}

/** Rows not scored at the start of a file: 15 %, at most 750 (0.15 · 5000). */
export function probationLength(rows: number, percent = PROBATION_PERCENT): number {
  return Math.min(Math.floor(percent * rows), percent * 5000);
}

/** Per-row sweep weights of one file (nab/sweeper.py calcSweepScore). */
export function sweepPoints(file: ScoredFile, cost: CostMatrix): SweepPoint[] {
  const { timestampsMs: ts, scores, windows } = file;
  if (ts.length !== scores.length)
    throw new RangeError(`${file.name}: ${ts.length} timestamps, ${scores.length} scores`);
  const pending = [...windows];
  const maxTP = scaledSigmoid(-1.0);
  const probation = probationLength(ts.length);
  const indexOf = (t: number) => {
    const i = ts.indexOf(t);
    if (i < 0) throw new RangeError(`${file.name}: window edge ${new Date(t).toISOString()} is not a row's timestamp`);
    return i;
  };
  const out: SweepPoint[] = [];
  let cur: Window | null = null;
  let curName: string | null = null;
  let curWidth = 0;
  let curRight = 0;
  let prevWidth: number | null = null;
  let prevRight: number | null = null;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i] as number;
    const next = pending[0];
    if (next !== undefined && t === next.startMs) {
      cur = next;
      pending.shift();
      curName = `${file.name}|${cur.startMs}`;
      curRight = indexOf(cur.endMs);
      curWidth = curRight - indexOf(cur.startMs) + 1;
    }
    let weighted: number;
    if (cur !== null) {
      // NAB's own note: the "+ 1" means a position of 0 is never reached.
      const position = -(curRight - i + 1) / curWidth;
      weighted = (scaledSigmoid(position) * cost.tpWeight) / maxTP;
    } else {
      const position = prevRight === null || prevWidth === null ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1);
      weighted = scaledSigmoid(position) * cost.fpWeight;
    }
    out.push({
      anomalyScore: scores[i] as number,
      sweepScore: weighted,
      windowName: i >= probation ? curName : 'probationary',
    });
    if (cur !== null && t === cur.endMs) {
      prevRight = i;
      prevWidth = curWidth;
      cur = null;
      curName = null;
    }
  }
  return out;
}

/**
 * Total score at every distinct threshold (nab/sweeper.py calcScoreByThreshold): rows at or above a
 * threshold are detections; a window counts its best detection once, a missed window −fnWeight,
 * every detection outside a window its (negative) sweep weight. Starts at 1.1 (nothing detected).
 */
export function scoresByThreshold(points: readonly SweepPoint[], cost: CostMatrix): ThresholdScore[] {
  const scorable = points
    .filter((p) => p.windowName !== 'probationary')
    .sort((a, b) => b.anomalyScore - a.anomalyScore);
  const parts = new Map<string, number>();
  for (const p of scorable) if (p.windowName !== null) parts.set(p.windowName, -cost.fnWeight);
  let fpTotal = 0;
  let windowTotal = -cost.fnWeight * parts.size;
  let tp = 0;
  let fp = 0;
  let fn = scorable.filter((p) => p.windowName !== null).length;
  const out: ThresholdScore[] = [];
  let threshold = 1.1;
  for (const p of scorable) {
    if (p.anomalyScore !== threshold) {
      out.push({ threshold, score: fpTotal + windowTotal, tp, fp, fn });
      threshold = p.anomalyScore;
    }
    if (p.windowName === null) {
      fp++;
      fpTotal += p.sweepScore;
    } else {
      tp++;
      fn--;
      const before = parts.get(p.windowName) as number;
      if (p.sweepScore > before) {
        parts.set(p.windowName, p.sweepScore);
        windowTotal += p.sweepScore - before;
      }
    }
  }
  out.push({ threshold, score: fpTotal + windowTotal, tp, fp, fn });
  return out;
}

export interface ProfileResult {
  readonly threshold: number;
  readonly raw: number;
  readonly nullRaw: number;
  readonly perfect: number;
  /** 100 · (raw − null) / (perfect − null), as NAB's runner normalises. */
  readonly normalized: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

/**
 * Scores a corpus under one profile the way NAB's optimise + score + normalise steps do: one
 * threshold for the whole corpus, the one with the best total; the null detector (never detects)
 * defines 0 and a perfect detector (every window's weight) defines 100.
 */
export function scoreCorpus(files: readonly ScoredFile[], cost: CostMatrix): ProfileResult {
  const points = files.flatMap((f) => sweepPoints(f, cost));
  const sweep = scoresByThreshold(points, cost);
  let best = sweep[0] as ThresholdScore;
  for (const s of sweep) if (s.score > best.score) best = s;
  const nullFiles = files.map((f) => ({ ...f, scores: f.scores.map(() => 0.5) }));
  const nullSweep = scoresByThreshold(
    nullFiles.flatMap((f) => sweepPoints(f, cost)),
    cost,
  );
  const nullRaw = Math.max(...nullSweep.map((s) => s.score));
  const perfect = files.reduce((n, f) => n + f.windows.length, 0) * cost.tpWeight;
  return {
    threshold: best.threshold,
    raw: best.score,
    nullRaw,
    perfect,
    normalized: (100 * (best.score - nullRaw)) / (perfect - nullRaw),
    tp: best.tp,
    fp: best.fp,
    fn: best.fn,
  };
}

/** The total at a fixed threshold (detections: scores ≥ threshold), for scoring held-out files. */
export function scoreAtThreshold(files: readonly ScoredFile[], cost: CostMatrix, threshold: number): ProfileResult {
  const sweep = scoresByThreshold(
    files.flatMap((f) => sweepPoints(f, cost)),
    cost,
  );
  // Entries run from high thresholds to low; the last one still ≥ threshold holds exactly those rows.
  let at = sweep[0] as ThresholdScore;
  for (const s of sweep) if (s.threshold >= threshold) at = s;
  const full = scoreCorpus(files, cost);
  return {
    ...full,
    threshold,
    raw: at.score,
    normalized: (100 * (at.score - full.nullRaw)) / (full.perfect - full.nullRaw),
    tp: at.tp,
    fp: at.fp,
    fn: at.fn,
  };
}
