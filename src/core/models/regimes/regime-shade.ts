import type { GaussianHmm } from './gaussian-hmm';

/** How a regime is drawn: its palette slot (the chart reads `--regime-<level>`). */
export type RegimeLevel = 'calm' | 'moderate' | 'volatile';

/** Column of the HMM features holding the log return (see `RegimeFeatures`). */
const RETURN_FEATURE = 0;

/**
 * Names the states by their volatility: the variance of their log returns, lowest = "calm",
 * highest = "volatile", any between "moderate" (numbered when there are several). EM's labels
 * are arbitrary, so a name must come from the fitted parameters, not the state index.
 */
export function regimeNames(hmm: Pick<GaussianHmm, 'states' | 'variances'>): string[] {
  const rank = rankByReturnVariance(hmm);
  const middle = hmm.states - 2;
  return rank.map((r) => {
    if (r === 0) return 'calm';
    if (r === hmm.states - 1) return 'volatile';
    return middle === 1 ? 'moderate' : `moderate ${r}`;
  });
}

/** The palette slot of each state, in the order of `regimeNames`. */
export function regimeLevels(hmm: Pick<GaussianHmm, 'states' | 'variances'>): RegimeLevel[] {
  return rankByReturnVariance(hmm).map((r) => (r === 0 ? 'calm' : r === hmm.states - 1 ? 'volatile' : 'moderate'));
}

/** Each state's rank by the variance of its log returns (0 = lowest; ties keep state order). */
function rankByReturnVariance(hmm: Pick<GaussianHmm, 'states' | 'variances'>): number[] {
  const variance = (k: number) => (hmm.variances[k] as readonly number[])[RETURN_FEATURE] as number;
  const order = [...Array(hmm.states).keys()].sort((a, b) => variance(a) - variance(b) || a - b);
  const rank = new Array<number>(hmm.states).fill(0);
  order.forEach((state, r) => (rank[state] = r));
  return rank;
}

export interface RegimeShade {
  /** The most probable state (ties: the lower index). */
  readonly state: number;
  readonly probability: number;
  /**
   * 0..1, how firmly the bar is in that state: 0 when every state is equally likely (nothing is
   * drawn), 1 when it is certain. The shade's opacity scales with it, so a doubtful bar is faint.
   */
  readonly strength: number;
}

/** Filtered probabilities of one bar → what the chart draws behind it. */
export function shadeOf(probabilities: readonly number[]): RegimeShade {
  const k = probabilities.length;
  let state = 0;
  for (let i = 1; i < k; i++) if ((probabilities[i] as number) > (probabilities[state] as number)) state = i;
  const probability = (probabilities[state] as number | undefined) ?? 0;
  const chance = k > 0 ? 1 / k : 1;
  const strength = k > 1 ? Math.min(1, Math.max(0, (probability - chance) / (1 - chance))) : 0;
  return { state, probability, strength: Number.isFinite(strength) ? strength : 0 };
}

/** The palette slot of a state named by `regimeNames`. */
export function levelOfName(name: string): RegimeLevel {
  return name === 'calm' || name === 'volatile' ? name : 'moderate';
}
