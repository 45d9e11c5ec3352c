import { parseArgs, single } from '../args';
import { UsageError, type Command } from '../command';
import { withOutput } from '../read-lines';
import { createAnomalyDetector, createAutoencoderPart, type AnomalyDetector } from '../../core/models/anomaly';
import { readSeries } from './detect-series';

export const DETECT_CSV_HEADER = 'timestamp,value,anomaly_score';

const HELP = `Usage: npm run --silent cli -- detect --series FILE.csv [--out FILE] [--seed N]

Anomaly scores of a numeric series, online and causal: each row's score uses only that row and the
rows before it, so a score never changes when later rows are appended. The detector is the one the
app runs: robust median/MAD z-scores of the value and its change, a running-range check, a Fuzzy
ART novelty model over Haar features of the recent window and a TF.js dense autoencoder (cpu
backend here), each calibrated by an anomaly likelihood, combined, with repeats of one event
suppressed. The same file and seed give the same scores.

Flags:
  --series FILE  timestamp,value CSV with that header line (required)
  --out FILE     write the CSV here (default stdout; - means stdout); a regular file is replaced
                 only when the whole run succeeds
  --seed N       seed of the autoencoder's initial weights and minibatches (default 1, an integer
                 from 0 to 4294967295)

Input: one header line "timestamp,value", then one row per observation. Timestamps are
"YYYY-MM-DD HH:MM:SS" (UTC; the NAB layout) or epoch milliseconds, never decreasing (a
repeated timestamp is scored as its own row, as NAB's files have a few); values are
decimal or exponent notation with a finite value. Blank lines are skipped.

Output CSV, one row per input row, in order:
  ${DETECT_CSV_HEADER}
  timestamp, value  the input's text, unchanged
  anomaly_score     in [0, 1], a log-scaled likelihood: ordinary rows score near 0; from 0.4 a
                    row counts as a hit (later rows of the same event are held below 0.4);
                    1 is the rarest (a 1e-10 tail, or a value outside the range seen so far)

A bad row stops the run with its file and line number and exit code 1; nothing is written.
`;

function seedOf(text: string | undefined): number {
  if (text === undefined) return 1;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n > 0xffffffff)
    throw new UsageError(`--seed must be an integer from 0 to 4294967295, got ${JSON.stringify(text)}`);
  return n;
}

/** TF.js is loaded only by this command, with the cpu backend (the worker picks wasm in a browser). */
async function loadTf() {
  const tf = await import('@tensorflow/tfjs');
  // PROD drops TF.js's debug checks and its console banner (stdout may be the CSV).
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  return tf;
}

export const detectCommand: Command = {
  name: 'detect',
  summary: 'causal anomaly scores (0..1) of a timestamp,value series, as the app computes them',
  help: HELP,
  async run(argv, io) {
    const args = parseArgs(argv, { values: ['series', 'out', 'seed'], required: ['series'] });
    if (args.positional.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(args.positional[0])}`);
    const path = single(args, 'series') as string;
    const seed = seedOf(single(args, 'seed'));
    // Pass 1 validates every row, so that nothing is written for a bad file even on stdout.
    await readSeries(io, path, () => undefined);
    const tf = await loadTf();
    const detector: AnomalyDetector = createAnomalyDetector({ seed, learned: createAutoencoderPart(tf) });
    try {
      await withOutput(io, single(args, 'out'), async (write) => {
        await write(`${DETECT_CSV_HEADER}\n`);
        const pending: string[] = [];
        await readSeries(
          io,
          path,
          (row) => {
            const { score } = detector.update(row.timeMs, row.value);
            pending.push(`${row.timeText},${row.valueText},${score}\n`);
          },
          async () => {
            await write(pending.join(''));
            pending.length = 0;
          },
        );
        if (pending.length > 0) await write(pending.join(''));
      });
    } finally {
      detector.dispose();
    }
    return 0;
  },
};
