import { PairAnalytics } from '../stats/pair-analytics';
import { CloseTrail } from './close-trail';
import type { AlertBar } from './input';
import { atLeast, show, type Verdict } from './judgement';
import type { DivergenceRule, PairZRule } from './rule';

/** What a pair judge answers for one bar of either leg: nothing yet, or a verdict on a bar. */
export interface PairVerdict {
  readonly verdict: Verdict;
  readonly openTimeMs: number;
}

export const DEFAULT_PAIR_WINDOW = 100;

interface Leg {
  closedMs: number;
  closed: number;
  formingMs: number;
  forming: number;
}

const freshLeg = (): Leg => ({ closedMs: -Infinity, closed: NaN, formingMs: -Infinity, forming: NaN });

/**
 * Pair z-score of `a` regressed on `b`, on bars both legs have (joined on open time), with the
 * same streaming analytics as the pair view and the `pair` command. Closed bars commit; the
 * forming bar is previewed once both legs have one at the same time.
 */
export class PairZJudge {
  private readonly analytics: PairAnalytics;
  private readonly legs = { a: freshLeg(), b: freshLeg() };
  private committedMs = -Infinity;

  constructor(readonly rule: PairZRule) {
    this.analytics = new PairAnalytics({ window: rule.window ?? DEFAULT_PAIR_WINDOW });
  }

  onBar(side: 'a' | 'b', bar: AlertBar): PairVerdict | null {
    const leg = this.legs[side];
    if (bar.closed) {
      leg.closedMs = bar.openTimeMs;
      leg.closed = bar.close;
    } else {
      leg.formingMs = bar.openTimeMs;
      leg.forming = bar.close;
    }
    const { a, b } = this.legs;
    if (bar.closed && a.closedMs === b.closedMs && a.closedMs > this.committedMs) {
      this.committedMs = a.closedMs;
      return this.verdict(this.analytics.add(a.closed, b.closed).zscore, a.closedMs);
    }
    if (!bar.closed && a.formingMs === b.formingMs && a.formingMs > this.committedMs) {
      return this.verdict(this.analytics.replace(a.forming, b.forming).zscore, a.formingMs);
    }
    return null;
  }

  private verdict(z: number | null, openTimeMs: number): PairVerdict {
    const window = this.rule.window ?? DEFAULT_PAIR_WINDOW;
    if (z === null) return { openTimeMs, verdict: `pair z-score warming up (${window}-bar window)` };
    return {
      openTimeMs,
      verdict: {
        probe: atLeast(z, this.rule.z, true),
        value: z,
        values: { z },
        explain: (c) => `pair z-score ${show(z)} ${c === null ? 'within' : 'beyond'} ±${this.rule.z}`,
      },
    };
  }
}

/**
 * Seed 004: each leg's return from its newest committed close at or before t − windowMs to its
 * latest close (forming included), judged on every bar of either leg once both reach that far.
 */
export class DivergenceJudge {
  private readonly trails: { a: CloseTrail; b: CloseTrail };
  private readonly latest = { a: NaN, b: NaN };

  constructor(readonly rule: DivergenceRule) {
    this.trails = { a: new CloseTrail(rule.windowMs), b: new CloseTrail(rule.windowMs) };
  }

  onBar(side: 'a' | 'b', bar: AlertBar): PairVerdict {
    this.latest[side] = bar.close;
    const from = bar.openTimeMs - this.rule.windowMs;
    const refA = this.trails.a.at(from);
    const refB = this.trails.b.at(from);
    if (bar.closed) this.trails[side].push(bar.openTimeMs, bar.close);
    const openTimeMs = bar.openTimeMs;
    if (refA === null || refB === null || Number.isNaN(this.latest.a) || Number.isNaN(this.latest.b)) {
      return { openTimeMs, verdict: `both legs need ${this.rule.windowMs / 1000} s of history` };
    }
    const ra = (this.latest.a / refA - 1) * 100;
    const rb = (this.latest.b / refB - 1) * 100;
    const diff = ra - rb;
    const { pct, windowMs } = this.rule;
    const hit = Math.abs(diff) > pct;
    return {
      openTimeMs,
      verdict: {
        probe: { upHit: hit, upRearm: !hit, downHit: false, downRearm: false },
        value: diff,
        values: { difference_pct: diff, return_a_pct: ra, return_b_pct: rb },
        explain: (c) =>
          `returns over ${windowMs / 1000} s: ${show(ra)} % vs ${show(rb)} %, ${show(Math.abs(diff))} points ${c === null ? 'within' : 'apart, over'} ${pct}`,
      },
    };
  }
}
