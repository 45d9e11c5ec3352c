/**
 * Scores the shipped labelled headlines with the finance scorer and the baselines and prints a
 * Markdown table: `npx tsx test/sentiment/evaluate.ts [dev|test] [--errors]`. The test split is for
 * reporting only; tune on dev.
 */
import { evaluate, majorityLabel, type Evaluation } from '../../src/core/sentiment/evaluation';
import { plainAfinnLabel } from '../../src/core/sentiment/plain-afinn';
import { scoreText } from '../../src/core/sentiment/score-text';
import { readLabelledSet } from './labelled-set';

const split = process.argv[2] === 'test' ? 'test' : 'dev';
const rows = readLabelledSet(split);
const gold = rows.map((r) => r.label);
// The majority class is taken from the development split, as a deployed baseline would be.
const majority = majorityLabel(readLabelledSet('dev').map((r) => r.label));
const finance = rows.map((r) => scoreText(r.text).label);
const results: [string, Evaluation][] = [
  [
    `majority class (${majority})`,
    evaluate(
      gold,
      gold.map(() => majority),
    ),
  ],
  [
    'always neutral',
    evaluate(
      gold,
      gold.map(() => 'neutral'),
    ),
  ],
  [
    'plain AFINN (package word list, sign)',
    evaluate(
      gold,
      rows.map((r) => plainAfinnLabel(r.text)),
    ),
  ],
  ['finance lexicon scorer (shipped)', evaluate(gold, finance)],
];
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
console.log(
  `split ${split}: ${rows.length} headlines (${['positive', 'neutral', 'negative'].map((l) => `${gold.filter((g) => g === l).length} ${l}`).join(', ')})\n`,
);
console.log('| scorer | accuracy | macro-F1 | F1 pos / neu / neg |');
console.log('| --- | ---: | ---: | --- |');
for (const [name, e] of results) {
  console.log(
    `| ${name} | ${pct(e.accuracy)} | ${e.macroF1.toFixed(3)} | ${e.f1.positive.toFixed(2)} / ${e.f1.neutral.toFixed(2)} / ${e.f1.negative.toFixed(2)} |`,
  );
}
if (process.argv.includes('--errors')) {
  for (let i = 0; i < rows.length; i++) {
    if (finance[i] !== gold[i])
      console.log(`${gold[i]} → ${finance[i]} (${scoreText(rows[i]!.text).score})\t${rows[i]!.text}`);
  }
}
