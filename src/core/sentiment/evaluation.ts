import type { SentimentLabel } from './score-text';

export const LABELS: readonly SentimentLabel[] = ['positive', 'neutral', 'negative'];

export interface Evaluation {
  readonly n: number;
  readonly accuracy: number;
  /** Unweighted mean of the three classes' F1 (a class never predicted nor present counts 0). */
  readonly macroF1: number;
  readonly f1: Readonly<Record<SentimentLabel, number>>;
}

export function evaluate(gold: readonly SentimentLabel[], predicted: readonly SentimentLabel[]): Evaluation {
  if (gold.length !== predicted.length) throw new Error('gold and predicted differ in length');
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++;
  const f1 = {} as Record<SentimentLabel, number>;
  for (const label of LABELS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === label && gold[i] === label) tp++;
      else if (predicted[i] === label) fp++;
      else if (gold[i] === label) fn++;
    }
    f1[label] = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  const macroF1 = LABELS.reduce((s, l) => s + f1[l], 0) / LABELS.length;
  return { n: gold.length, accuracy: gold.length === 0 ? 0 : correct / gold.length, macroF1, f1 };
}

/** The most frequent label (ties: the first of LABELS): the majority-class baseline's answer. */
export function majorityLabel(labels: readonly SentimentLabel[]): SentimentLabel {
  let best: SentimentLabel = 'neutral';
  let bestCount = -1;
  for (const label of LABELS) {
    const count = labels.filter((l) => l === label).length;
    if (count > bestCount) {
      best = label;
      bestCount = count;
    }
  }
  return best;
}
