import { readFileSync } from 'node:fs';
import type { SentimentLabel } from '../../src/core/sentiment/score-text';
import { LABELS } from '../../src/core/sentiment/evaluation';

export interface LabelledText {
  readonly label: SentimentLabel;
  readonly text: string;
}

/** One split of the shipped headline set (`test/fixtures/sentiment/headlines-<split>.tsv`, see its README). */
export function readLabelledSet(split: 'dev' | 'test'): LabelledText[] {
  const url = new URL(`../fixtures/sentiment/headlines-${split}.tsv`, import.meta.url);
  const lines = readFileSync(url, 'utf8').split('\n').slice(1);
  const out: LabelledText[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const tab = line.indexOf('\t');
    const label = line.slice(0, tab) as SentimentLabel;
    if (tab < 0 || !LABELS.includes(label)) throw new Error(`headlines-${split}.tsv line ${i + 2}: bad label`);
    out.push({ label, text: line.slice(tab + 1) });
  });
  return out;
}
