import { parseArgs, single } from '../args';
import { InputError, type CliIo, type Command } from '../command';
import { readLines, withOutput } from '../read-lines';
import { scoreText } from '../../core/sentiment/score-text';

const HELP = `Usage: npm run --silent cli -- sentiment --in FILE [--out FILE]

Scores each text with the finance lexicon scorer the app's news worker runs (AFINN-165 financial
market news edition, finance phrases such as "beats estimates" / "cuts guidance", negation,
boosters; empty or non-English text is neutral).

Flags:
  --in FILE    the texts (required), either
                 one text per line (plain text), or
                 NDJSON: one JSON object per line with a string field "text" (other fields ignored);
               the layout is taken from the first non-blank line: NDJSON when it is a JSON object.
               Blank lines are skipped; a leading byte-order mark is ignored.
  --out FILE   write the CSV here instead of stdout (- is stdout); replaced atomically when a
               regular file or a new path, written through for a device or pipe

Output (CSV, header then one row per input line, in input order):
  label,score
  label  positive | neutral | negative
  score  -1 … 1 (4 decimals); |score| below 0.25 is neutral

Errors: in NDJSON, a line that is not a JSON object with a string "text" stops the run with the file
and line number, exit code 1, and nothing written (the file is read twice: checked, then scored).
A file without a single text is an error too. Exit code 2 on bad flags.
`;

/** The text of one NDJSON line, or why it has none. */
function ndjsonText(line: string): string | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not JSON (the file is NDJSON: its first line is a JSON object)' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'not a JSON object' };
  const text = (value as { text?: unknown }).text;
  if (typeof text !== 'string') return { error: 'no string field "text"' };
  return text;
}

function isJsonObjectLine(line: string): boolean {
  if (!line.trimStart().startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: ['in', 'out'], required: ['in'] });
  const path = single(args, 'in') as string;

  // Pass 1: the layout, and every NDJSON line checked, before anything is written.
  let ndjson: boolean | null = null;
  let rows = 0;
  await readLines(io, path, (n, line) => {
    ndjson ??= isJsonObjectLine(line);
    if (ndjson) {
      const text = ndjsonText(line);
      if (typeof text !== 'string') throw new InputError(`${path}: line ${n}: ${text.error}`);
    }
    rows++;
  });
  if (rows === 0) throw new InputError(`${path}: no texts in file`);

  // Pass 2: score and write, streaming.
  let out: string[] = ['label,score'];
  await withOutput(io, single(args, 'out'), async (write) => {
    await readLines(
      io,
      path,
      (n, line) => {
        const text = ndjson === true ? ndjsonText(line) : line;
        if (typeof text !== 'string') throw new InputError(`${path}: line ${n}: changed while reading (${text.error})`);
        const { label, score } = scoreText(text);
        out.push(`${label},${score.toFixed(4)}`);
      },
      async () => {
        if (out.length === 0) return;
        const chunk = `${out.join('\n')}\n`;
        out = [];
        await write(chunk);
      },
    );
    if (out.length > 0) await write(`${out.join('\n')}\n`);
  });
  io.stderr(`sentiment: ${rows} texts (${ndjson === true ? 'NDJSON' : 'plain text'})\n`);
  return 0;
}

export const sentimentCommand: Command = {
  name: 'sentiment',
  summary: 'score texts (one per line, or NDJSON with "text") as positive / neutral / negative (CSV label,score)',
  help: HELP,
  run,
};
