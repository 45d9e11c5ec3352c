/**
 * Whether a small TF.js text classifier trained on the shipped development headlines beats the
 * lexicon scorer on the held-out split: `npx tsx test/sentiment/tfjs-classifier.ts`. A bag of
 * words (dev vocabulary, words seen at least twice) into a softmax layer, trained with Adam; 5
 * seeds. Prints accuracy and macro-F1 per seed next to the lexicon scorer's.
 */
import * as tf from '@tensorflow/tfjs';
import { evaluate, LABELS } from '../../src/core/sentiment/evaluation';
import { scoreText, type SentimentLabel } from '../../src/core/sentiment/score-text';
import { tokenize } from '../../src/core/sentiment/tokenize';
import { readLabelledSet } from './labelled-set';

await tf.setBackend('cpu');
const dev = readLabelledSet('dev');
const test = readLabelledSet('test');
const counts = new Map<string, number>();
for (const r of dev) for (const t of new Set(tokenize(r.text))) counts.set(t, (counts.get(t) ?? 0) + 1);
const vocab = [...counts].filter(([, n]) => n >= 2).map(([t]) => t);
const index = new Map(vocab.map((t, i) => [t, i]));
const features = (rows: typeof dev) =>
  tf.tensor2d(
    rows.map((r) => {
      const v = new Array<number>(vocab.length).fill(0);
      for (const t of tokenize(r.text)) {
        const i = index.get(t);
        if (i !== undefined) v[i] = 1;
      }
      return v;
    }),
  );
const xs = features(dev);
const ys = tf.oneHot(
  dev.map((r) => LABELS.indexOf(r.label)),
  3,
);
const xt = features(test);
const gold = test.map((r) => r.label);
const lexicon = evaluate(
  gold,
  test.map((r) => scoreText(r.text).label),
);
console.log(
  `vocabulary ${vocab.length} words; lexicon scorer on test: accuracy ${(100 * lexicon.accuracy).toFixed(1)} %, macro-F1 ${lexicon.macroF1.toFixed(3)}`,
);
for (const seed of [1, 2, 3, 4, 5]) {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [vocab.length],
        units: 3,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
        kernelRegularizer: tf.regularizers.l2({ l2: 1e-3 }),
      }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
  await model.fit(xs, ys, { epochs: 60, batchSize: 32, shuffle: true, verbose: 0 });
  const predicted = (await (model.predict(xt) as tf.Tensor).argMax(1).array()) as number[];
  const e = evaluate(
    gold,
    predicted.map((i) => LABELS[i] as SentimentLabel),
  );
  console.log(
    `seed ${seed}: bag-of-words softmax accuracy ${(100 * e.accuracy).toFixed(1)} %, macro-F1 ${e.macroF1.toFixed(3)}`,
  );
}
