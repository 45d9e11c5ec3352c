import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryIo } from '../memory-io';
import { runCli } from '../run-cli';
import { runNode, tempFiles } from '../hardening/run-node';
import { createAnomalyDetector, createAutoencoderPart } from '../../core/models/anomaly';
import { DETECT_CSV_HEADER } from './detect';

/** 600 rows of a noisy cycle with a spike at row 500; values written with varied spellings. */
function seriesCsv(times: 'nab' | 'ms' = 'nab'): string {
  const t0 = Date.UTC(2014, 3, 1);
  const rows = Array.from({ length: 600 }, (_, i) => {
    const t = t0 + i * 300_000;
    const time = times === 'ms' ? String(t) : new Date(t).toISOString().slice(0, 19).replace('T', ' ');
    const v = 20 + 5 * Math.sin(i / 12) + ((i * 7919) % 13) / 13 + (i === 500 ? 40 : 0);
    const text = i % 50 === 0 ? v.toExponential(6) : i % 7 === 0 ? v.toFixed(1) : String(v);
    return `${time},${text}`;
  });
  return `timestamp,value\n${rows.join('\n')}\n`;
}

async function run(argv: string[], files: Record<string, string>) {
  const { io, out, written } = memoryIo(files);
  const code = await runCli(['detect', ...argv], io);
  return { code, ...out, written };
}

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

describe('detect command', () => {
  it('echoes every row byte for byte and adds a score in [0, 1], as the core detector gives', async () => {
    const input = seriesCsv();
    const r = await run(['--series', 's.csv', '--out', 'o.csv', '--seed', '3'], { 's.csv': input });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = (r.written.get('o.csv') as string).trimEnd().split('\n');
    const inLines = input.trimEnd().split('\n');
    expect(lines[0]).toBe(DETECT_CSV_HEADER);
    expect(lines).toHaveLength(inLines.length);
    const scores = lines.slice(1).map((line, i) => {
      const cut = line.lastIndexOf(',');
      expect(line.slice(0, cut)).toBe(inLines[i + 1]);
      return Number(line.slice(cut + 1));
    });
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
    expect(scores[500]).toBeGreaterThanOrEqual(0.4);

    await tf.setBackend('cpu');
    const d = createAnomalyDetector({ seed: 3, learned: createAutoencoderPart(tf) });
    const expected = inLines.slice(1).map((l, i) => d.update(i, Number(l.split(',')[1])).score);
    d.dispose();
    expect(scores).toEqual(expected);
  }, 120_000);

  it('is deterministic for a seed and reads epoch-ms timestamps', async () => {
    const a = await run(['--series', 's.csv'], { 's.csv': seriesCsv('ms') });
    const b = await run(['--series', 's.csv'], { 's.csv': seriesCsv('ms') });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.split('\n')[1]).toMatch(/^1396310400000,/);
  }, 120_000);

  const bad: [string, string, RegExp][] = [
    ['an empty file', '', /s\.csv: empty file/],
    ['a header only', 'timestamp,value\n', /s\.csv: no rows after the header/],
    ['a wrong header', 'time,price\n2014-04-01 00:00:00,1\n', /s\.csv line 1: expected the header "timestamp,value"/],
    ['no header', '2014-04-01 00:00:00,1\n', /s\.csv line 1: expected the header/],
    ['three cells', 'timestamp,value\n2014-04-01 00:00:00,1,2\n', /s\.csv line 2: expected 2 cells/],
    ['a bad timestamp', 'timestamp,value\n2014-04-01T00:00:00Z,1\n', /s\.csv line 2: timestamp "2014-04-01T00:00:00Z"/],
    ['an impossible date', 'timestamp,value\n2014-02-30 00:00:00,1\n', /s\.csv line 2: timestamp/],
    ['a bad value', 'timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,abc\n', /s\.csv line 3: value "abc"/],
    ['an infinite value', 'timestamp,value\n2014-04-01 00:00:00,1e400\n', /s\.csv line 2: value "1e400"/],
    [
      'time going backwards',
      'timestamp,value\n2014-04-01 00:05:00,1\n2014-04-01 00:00:00,2\n',
      /s\.csv line 3: timestamp "2014-04-01 00:00:00" is before/,
    ],
  ];
  for (const [what, text, message] of bad) {
    it(`refuses ${what} with the line, exit 1, nothing written`, async () => {
      // A bad row near the end must not leave the good rows before it on stdout.
      const r = await run(['--series', 's.csv'], { 's.csv': text });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
      const toFile = await run(['--series', 's.csv', '--out', 'o.csv'], { 's.csv': text });
      expect(toFile.code).toBe(1);
      expect(toFile.written.has('o.csv')).toBe(false);
    });
  }

  it('refuses bad flags with exit 2', async () => {
    expect((await run([], {})).stderr).toMatch(/--series is required/);
    expect((await run(['--series', 's.csv', '--seed', '-1'], { 's.csv': seriesCsv() })).code).toBe(2);
    expect((await run(['--series', 's.csv', '--seed', '1.5'], { 's.csv': seriesCsv() })).stderr).toMatch(
      /--seed must be an integer/,
    );
    expect((await run(['--series', 's.csv', '--window', '3'], {})).stderr).toMatch(/unknown flag --window/);
  });

  it('names a missing file', async () => {
    const r = await run(['--series', 'nope.csv'], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.csv/);
  });

  it('documents itself', async () => {
    const r = await run(['--help'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: npm run --silent cli -- detect --series FILE\.csv/);
  });

  it('--out on disk: a failed run leaves the old file, a good run replaces it whole', async () => {
    const bad = 'timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,x\n';
    const files = tempFiles({ 'good.csv': seriesCsv(), 'bad.csv': bad, 'o.csv': 'old\n' });
    cleanup = files.cleanup;
    const failed = await runNode(['detect', '--series', files.path('bad.csv'), '--out', files.path('o.csv')]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/bad\.csv line 3/);
    expect(readFileSync(files.path('o.csv'), 'utf8')).toBe('old\n');
    const ok = await runNode(['detect', '--series', files.path('good.csv'), '--out', files.path('o.csv')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    expect(readFileSync(files.path('o.csv'), 'utf8').split('\n')).toHaveLength(602);
  }, 120_000);
});
