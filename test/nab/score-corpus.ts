/**
 * Scores a NAB corpus with the TypeScript port of NAB's scorer.
 *   npx tsx test/nab/score-corpus.ts --corpus /work/shared/data/nab-dev [--detector tapewatch|numenta|windowedGaussian]
 *     [--learned] [--loco] [--seed N]
 * `tapewatch` runs this repository's detector over every file (causally, row by row); the others
 * read the per-row scores NAB ships in `results/`. `--loco` adds leave-one-category-out: the
 * threshold is chosen on three categories and applied to the fourth.
 */
import { parseArgs } from 'node:util';
import { loadCorpus, loadProfiles, loadPublishedScores, type CorpusFile } from './corpus';
import { scoreAtThreshold, scoreCorpus, type ScoredFile } from './scorer';
import { describeDetections } from './per-file';
import { runTapewatch } from './tapewatch-run';

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string' },
    detector: { type: 'string', default: 'tapewatch' },
    learned: { type: 'boolean', default: false },
    loco: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    params: { type: 'string', default: '{}' },
    verbose: { type: 'boolean', default: false },
  },
});
if (!args.corpus) throw new Error('--corpus DIR is required');
const dir = args.corpus;
const corpus = loadCorpus(dir);
const profiles = loadProfiles(dir);

async function scoresOf(file: CorpusFile): Promise<number[]> {
  if (args.detector === 'tapewatch')
    return runTapewatch(file.timestampsMs, file.values, {
      seed: Number(args.seed),
      learned: args.learned ?? false,
      params: JSON.parse(args.params ?? '{}') as Record<string, unknown>,
    });
  return loadPublishedScores(dir, args.detector as string, file);
}

const started = performance.now();
const scored: (ScoredFile & { category: string })[] = [];
for (const f of corpus)
  scored.push({
    name: f.path,
    category: f.category,
    timestampsMs: f.timestampsMs,
    windows: f.windows,
    scores: await scoresOf(f),
  });
const seconds = (performance.now() - started) / 1000;

console.log(`${args.detector} on ${scored.length} files (${seconds.toFixed(1)} s)`);
for (const [profile, cost] of Object.entries(profiles)) {
  const r = scoreCorpus(scored, cost);
  console.log(
    args.verbose && profile === 'standard'
      ? scored.map((f) => describeDetections(f, r.threshold)).join('\n') + '\n'
      : '',
  );
  console.log(
    `${profile.padEnd(20)} ${r.normalized.toFixed(2).padStart(7)}  threshold ${r.threshold.toPrecision(6)}  raw ${r.raw.toFixed(3)}  null ${r.nullRaw.toFixed(3)}  perfect ${r.perfect}`,
  );
}
if (args.loco) {
  // Each category is scored at the threshold chosen on the other three; the held-out raw totals are
  // summed and normalised against the whole corpus's null and perfect totals, so the figure reads
  // like the standard score. artificialNoAnomaly has no windows: its share is the false-positive cost.
  const categories = [...new Set(scored.map((f) => f.category))];
  for (const [profile, cost] of Object.entries(profiles)) {
    const whole = scoreCorpus(scored, cost);
    let raw = 0;
    const cells: string[] = [];
    for (const held of categories) {
      const { threshold } = scoreCorpus(
        scored.filter((f) => f.category !== held),
        cost,
      );
      const test = scored.filter((f) => f.category === held);
      const onTest = scoreAtThreshold(test, cost, threshold);
      raw += onTest.raw;
      cells.push(`${held} raw ${onTest.raw.toFixed(2)} (null ${onTest.nullRaw.toFixed(0)}, perfect ${onTest.perfect})`);
    }
    const loco = (100 * (raw - whole.nullRaw)) / (whole.perfect - whole.nullRaw);
    console.log(`LOCO ${profile.padEnd(20)} ${loco.toFixed(2).padStart(7)}  ${cells.join(' | ')}`);
  }
}
